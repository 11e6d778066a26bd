package io.playstream.generate;

import io.playstream.event.ListeningEvent;
import java.time.Instant;
import java.util.List;

/**
 * What every event stream of one simulator shares, built once: the catalogue laid out in arrays
 * (so an event is made from precomputed strings), the song sampler, the per-song chances and the
 * listener picker. Immutable; many streams may read it at once.
 */
final class SimulatorParts {

    private final SimulatorConfig config;
    private final Catalogue catalogue;
    private final ZipfSampler songSampler;
    private final SongChances chances;
    private final ListenerPicker picker;
    private final String[] userIds;
    private final String[] countries;
    private final String[] preferredDevices;
    private final String[] songIds;
    private final String[] artists;
    private final String[] titles;

    SimulatorParts(SimulatorConfig config, Catalogue catalogue) {
        this.config = config;
        this.catalogue = catalogue;
        List<Listener> listeners = catalogue.listeners();
        List<Song> songs = catalogue.songs();
        this.songSampler = new ZipfSampler(songs.size(), ZipfSampler.DEFAULT_EXPONENT);
        this.chances = new SongChances(songs, config.eventMix());
        this.picker = new ListenerPicker(listeners);
        this.userIds = listeners.stream().map(Listener::id).toArray(String[]::new);
        this.countries = listeners.stream().map(Listener::country).toArray(String[]::new);
        this.preferredDevices = listeners.stream().map(Listener::preferredDevice).toArray(String[]::new);
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

    String preferredDevice(int listener) {
        return preferredDevices[listener];
    }

    SimulatorConfig config() {
        return config;
    }

    Catalogue catalogue() {
        return catalogue;
    }

    ZipfSampler songSampler() {
        return songSampler;
    }

    SongChances chances() {
        return chances;
    }

    ListenerPicker picker() {
        return picker;
    }
}
