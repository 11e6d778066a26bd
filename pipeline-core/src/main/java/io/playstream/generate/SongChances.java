package io.playstream.generate;

import java.util.List;

/**
 * The event mix bent by popularity, per song: the top song is skipped half as often as the mix
 * says and the least popular 1.5 times as often (on a log scale of rank in between), and playlist
 * adds go the other way. Also keeps each song's duration boxed once, as the events carry it.
 */
final class SongChances {

    private final double pause;
    private final double[] skip;
    private final double[] addToPlaylist;
    private final long[] durationMs;
    private final Long[] boxedDurationMs;

    SongChances(List<Song> songs, EventMix mix) {
        int n = songs.size();
        skip = new double[n];
        addToPlaylist = new double[n];
        durationMs = new long[n];
        boxedDurationMs = new Long[n];
        pause = mix.pause();
        double logSongs = Math.log(Math.max(2, n));
        for (int i = 0; i < n; i++) {
            Song song = songs.get(i);
            // 0 for the top song, 1 for the last
            double obscurity = Math.log(song.rank()) / logSongs;
            skip[i] = Math.min(1, mix.skip() * (0.5 + obscurity));
            addToPlaylist[i] = Math.min(1, mix.addToPlaylist() * (1.5 - obscurity));
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
