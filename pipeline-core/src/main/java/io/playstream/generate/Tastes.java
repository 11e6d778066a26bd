package io.playstream.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What listeners play: every listener favours one genre, and most of their tracks come from it;
 * the rest from any genre in proportion to its size. Within a genre, play counts follow Zipf's
 * law. So a hit reaches most of its genre's fans but only some of everyone else, as on a real
 * service (the top song is not played by every listener), while overall play counts keep Zipf's
 * long tail. Songs are indexed in catalogue order (most popular first).
 */
final class Tastes {

    /** Genres' relative sizes, for artists and for listeners' favourites alike (pop, hip-hop, rock, ...). */
    static final double[] GENRE_WEIGHTS = {22, 18, 12, 10, 9, 7, 5, 5, 5, 3, 2, 2};
    /** Share of a listener's tracks from the favourite genre. */
    static final double FAVOURITE_SHARE = 0.8;

    private final int[][] songsByGenre;
    private final ZipfSampler[] withinGenre;
    private final AliasTable anyGenre;

    /** @param genreBySong each song's genre, songs in the order that ranks them within a genre */
    Tastes(int[] genreBySong) {
        int genres = GENRE_WEIGHTS.length;
        List<List<Integer>> byGenre = new ArrayList<>();
        for (int g = 0; g < genres; g++) {
            byGenre.add(new ArrayList<>());
        }
        for (int song = 0; song < genreBySong.length; song++) {
            byGenre.get(genreBySong[song]).add(song);
        }
        songsByGenre = new int[genres][];
        withinGenre = new ZipfSampler[genres];
        double[] sizes = new double[genres];
        for (int g = 0; g < genres; g++) {
            songsByGenre[g] = byGenre.get(g).stream().mapToInt(Integer::intValue).toArray();
            if (songsByGenre[g].length > 0) {
                withinGenre[g] = new ZipfSampler(songsByGenre[g].length, ZipfSampler.DEFAULT_EXPONENT);
                sizes[g] = GENRE_WEIGHTS[g];
            }
        }
        // a small catalogue may leave a genre without songs: its fans then play any genre
        anyGenre = new AliasTable(sizes);
    }

    /** A song for a listener of this favourite genre. */
    int pick(int taste, SplittableRandom random) {
        int genre = random.nextDouble() < FAVOURITE_SHARE && withinGenre[taste] != null
                ? taste
                : anyGenre.sample(random);
        return songsByGenre[genre][withinGenre[genre].sample(random)];
    }

    /**
     * Every song's expected share of all tracks played, given how much of all listening comes from
     * the fans of each genre ({@code listeningByTaste}, summing to 1).
     */
    double[] popularity(double[] listeningByTaste) {
        int genres = GENRE_WEIGHTS.length;
        double[] anyShare = new double[genres];
        double sizes = 0;
        double homeless = 0;
        for (int g = 0; g < genres; g++) {
            sizes += withinGenre[g] == null ? 0 : GENRE_WEIGHTS[g];
            homeless += withinGenre[g] == null ? listeningByTaste[g] : 0;
        }
        int songCount = 0;
        for (int g = 0; g < genres; g++) {
            anyShare[g] = withinGenre[g] == null ? 0 : GENRE_WEIGHTS[g] / sizes;
            songCount += songsByGenre[g].length;
        }
        double[] popularity = new double[songCount];
        for (int g = 0; g < genres; g++) {
            if (withinGenre[g] == null) {
                continue;
            }
            double genreShare = FAVOURITE_SHARE * listeningByTaste[g]
                    + (FAVOURITE_SHARE * homeless + 1 - FAVOURITE_SHARE) * anyShare[g];
            for (int rank = 0; rank < songsByGenre[g].length; rank++) {
                popularity[songsByGenre[g][rank]] = genreShare * withinGenre[g].share(rank);
            }
        }
        return popularity;
    }
}
