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
 * @param popularity expected share of all tracks played that are this song (Zipf's law within each
 *                   genre, mixed by how many listeners favour the genre)
 * @param genre      the genre (every song of an artist has the artist's genre)
 * @param appeal     how much listeners like the song once it plays, from 0 to 1: mostly the more
 *                   popular the higher, with a song's own spread; low appeal means more skips,
 *                   and earlier ones
 */
public record Song(String id, String artist, String title, long durationMs, int rank, double popularity,
        int genre, double appeal) {

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
        if (!(appeal >= 0 && appeal <= 1)) {
            throw new IllegalArgumentException("appeal must be between 0 and 1, was " + appeal);
        }
    }
}
