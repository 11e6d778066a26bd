package io.playstream.generate;

import static java.util.Objects.requireNonNull;

/**
 * A song of the catalogue.
 *
 * @param id         {@link SongIds#of(String, String)} of artist and title, as the original pipeline
 * @param artist     the artist as shown
 * @param title      the title as shown
 * @param durationMs the track's length
 * @param rank       popularity rank, 1 for the most played
 * @param popularity expected share of all tracks played that are this song (Zipf's law)
 */
public record Song(String id, String artist, String title, long durationMs, int rank, double popularity) {

    public Song {
        requireNonNull(id, "id");
        requireNonNull(artist, "artist");
        requireNonNull(title, "title");
        if (durationMs <= 0) {
            throw new IllegalArgumentException("durationMs must be > 0, was " + durationMs);
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, was " + rank);
        }
    }
}
