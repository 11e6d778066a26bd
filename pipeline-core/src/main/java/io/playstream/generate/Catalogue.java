package io.playstream.generate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The listeners and songs events are made of, built once per seed. Songs are in popularity order:
 * {@code songs().get(0)} is rank 1, the most played.
 *
 * @param listeners every listener, in a stable order
 * @param songs     every song, most popular first
 */
public record Catalogue(List<Listener> listeners, List<Song> songs) {

    public Catalogue {
        listeners = List.copyOf(requireNonNull(listeners, "listeners"));
        songs = List.copyOf(requireNonNull(songs, "songs"));
        if (listeners.isEmpty() || songs.isEmpty()) {
            throw new IllegalArgumentException("a catalogue needs at least one listener and one song");
        }
    }

    /** The catalogue of this seed and size; the same arguments give an equal catalogue. */
    public static Catalogue build(long seed, int listeners, int songs) {
        return new CatalogueBuilder(seed).build(listeners, songs);
    }
}
