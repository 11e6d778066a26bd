package io.playstream.generate;

import java.util.List;

/**
 * The event mix bent by each song's appeal: a song of appeal 1 is skipped half as often as the mix
 * says and one of appeal 0 1.5 times as often, and playlist adds go the other way. Appeal also sets
 * when a skip comes: a skip's position is the track's length times a uniform draw raised to
 * {@link #skipShape(int)}, from 1.5 for the most appealing songs (skips spread over the track, many
 * after 30 seconds) to 4 for the least (most skips in the first seconds). Also keeps each song's
 * duration boxed once, as the events carry it.
 */
final class SongChances {

    private final double pause;
    private final double[] skip;
    private final double[] skipShape;
    private final double[] addToPlaylist;
    private final long[] durationMs;
    private final Long[] boxedDurationMs;

    SongChances(List<Song> songs, EventMix mix) {
        int n = songs.size();
        skip = new double[n];
        skipShape = new double[n];
        addToPlaylist = new double[n];
        durationMs = new long[n];
        boxedDurationMs = new Long[n];
        pause = mix.pause();
        for (int i = 0; i < n; i++) {
            Song song = songs.get(i);
            double dislike = 1 - song.appeal();
            skip[i] = Math.min(1, mix.skip() * (0.5 + dislike));
            skipShape[i] = 1.5 + 2.5 * dislike;
            addToPlaylist[i] = Math.min(1, mix.addToPlaylist() * (1.5 - dislike));
            durationMs[i] = song.durationMs();
            boxedDurationMs[i] = song.durationMs();
        }
    }

    double pause() {
        return pause;
    }

    double skip(int song) {
        return skip[song];
    }

    /** The exponent of a skip's position: the higher, the earlier in the track. */
    double skipShape(int song) {
        return skipShape[song];
    }

    double addToPlaylist(int song) {
        return addToPlaylist[song];
    }

    long durationMs(int song) {
        return durationMs[song];
    }

    Long boxedDurationMs(int song) {
        return boxedDurationMs[song];
    }
}
