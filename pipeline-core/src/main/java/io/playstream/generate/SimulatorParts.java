package io.playstream.generate;

import io.playstream.event.ListeningEvent;
import java.time.Instant;
import java.util.List;

/**
 * What every event stream of one simulator shares, built once: the catalogue laid out in arrays
 * (so an event is made from precomputed strings), the listeners' tastes, the per-song chances and
 * the listener picker. Immutable; many streams may read it at once.
 */
final class SimulatorParts {

    private final SimulatorConfig config;
    private final Catalogue catalogue;
    private final Tastes tastes;
    private final SongChances chances;
    private final ListenerPicker picker;
    private final String[] userIds;
    private final String[] countries;
    private final Listener[] listeners;
    private final String[] songIds;
    private final String[] artists;
    private final String[] titles;

    SimulatorParts(SimulatorConfig config, Catalogue catalogue) {
        this.config = config;
        this.catalogue = catalogue;
        List<Listener> listeners = catalogue.listeners();
        List<Song> songs = catalogue.songs();
        this.tastes = new Tastes(songs.stream().mapToInt(Song::genre).toArray());
        this.chances = new SongChances(songs, config.eventMix());
        this.picker = new ListenerPicker(listeners);
        this.userIds = listeners.stream().map(Listener::id).toArray(String[]::new);
        this.countries = listeners.stream().map(Listener::country).toArray(String[]::new);
        this.listeners = listeners.toArray(Listener[]::new);
        this.songIds = songs.stream().map(Song::id).toArray(String[]::new);
        this.artists = songs.stream().map(Song::artist).toArray(String[]::new);
        this.titles = songs.stream().map(Song::title).toArray(String[]::new);
    }

    /** The event of a session's current step. */
    ListeningEvent event(String eventId, ListeningSession session, Instant timestamp) {
        int listener = session.listener();
        int song = session.song();
        return new ListeningEvent(eventId, userIds[listener], songIds[song], artists[song], titles[song],
                session.type(), session.device(), countries[listener], timestamp, session.id(),
                session.positionMs(), chances.boxedDurationMs(song), ListeningEvent.DEFAULT_SCHEMA_VERSION);
    }

    Listener listener(int index) {
        return listeners[index];
    }

    SimulatorConfig config() {
        return config;
    }

    Catalogue catalogue() {
        return catalogue;
    }

    Tastes tastes() {
        return tastes;
    }

    SongChances chances() {
        return chances;
    }

    ListenerPicker picker() {
        return picker;
    }
}
