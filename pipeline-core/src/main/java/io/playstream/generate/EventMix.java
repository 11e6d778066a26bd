package io.playstream.generate;

import java.util.Locale;

/**
 * How listeners treat a track, as chances per track played on average. The catalogue then bends
 * them by song: a song of low appeal is skipped up to 1.5 times as often as {@code skip} says, the
 * most appealing half as often, and appealing songs are added to playlists more
 * ({@link SongChances}); the skip chance is bent again by the listener, the device and the local
 * hour ({@link SkipHabits}). So the event types' shares in the stream follow from behaviour rather
 * than being drawn directly.
 *
 * @param skip          chance that a track is skipped before its end (more often early in the track)
 * @param pause         chance that a track is paused once, then resumed (a pause and a play)
 * @param addToPlaylist chance that the listener adds the track to a playlist while it plays
 */
public record EventMix(double skip, double pause, double addToPlaylist) {

    public static final double DEFAULT_SKIP = 0.25;
    public static final double DEFAULT_PAUSE = 0.10;
    public static final double DEFAULT_ADD_TO_PLAYLIST = 0.05;
    public static final EventMix DEFAULT = new EventMix(DEFAULT_SKIP, DEFAULT_PAUSE, DEFAULT_ADD_TO_PLAYLIST);

    /** The option's key in messages. */
    static final String KEY = "event-mix";

    public EventMix {
        requireChance(skip, "skip");
        requireChance(pause, "pause");
        requireChance(addToPlaylist, "add_to_playlist");
    }

    /**
     * Reads {@code skip=0.3,pause=0.1,add_to_playlist=0.05}; parts left out keep their default.
     *
     * @throws IllegalArgumentException naming the part and the accepted values
     */
    public static EventMix parse(String text) {
        double skip = DEFAULT_SKIP;
        double pause = DEFAULT_PAUSE;
        double add = DEFAULT_ADD_TO_PLAYLIST;
        for (String part : text.split(",")) {
            String[] keyValue = part.split("=", 2);
            if (keyValue.length != 2) {
                throw invalid("'" + part.strip() + "' is not name=chance");
            }
            double value = parseChance(keyValue[0].strip(), keyValue[1].strip());
            switch (keyValue[0].strip().toLowerCase(Locale.ROOT)) {
                case "skip" -> skip = value;
                case "pause" -> pause = value;
                case "add_to_playlist", "add" -> add = value;
                default -> throw invalid("unknown part '" + keyValue[0].strip() + "'");
            }
        }
        return new EventMix(skip, pause, add);
    }

    @Override
    public String toString() {
        return "skip=" + skip + ",pause=" + pause + ",add_to_playlist=" + addToPlaylist;
    }

    private static double parseChance(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " '" + value + "' is not a number");
        }
    }

    private static void requireChance(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(name + " must be between 0 and 1, was " + value);
        }
    }

    private static IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException(KEY + ": " + detail
                + " (accepted: skip=X,pause=X,add_to_playlist=X with each X between 0 and 1)");
    }
}
