package io.playstream.generate;

import io.playstream.event.EventType;
import java.util.SplittableRandom;

/**
 * One listener's session: several tracks in a row, each planned when it starts. A track is a play
 * at 0, maybe a pause and a play resuming where it stopped, maybe a playlist add, and maybe a skip,
 * which comes early in the track more often than late, the earlier the less the song appeals
 * ({@link SongChances}). The chance of a skip is the song's times the session's factor (the
 * listener's propensity, the device, the local hour: {@link SkipHabits}). Tracks come from the
 * listener's taste ({@link Tastes}). A track that is not skipped plays to its end, and the next
 * play says so. Mutable and reused: the hot path allocates nothing here but the session id.
 */
final class ListeningSession {

    /** Tracks per session on average (a geometric number, at least one). */
    static final double MEAN_TRACKS = 8;
    static final int MAX_TRACKS = 200;
    /** Share of sessions on another device than the listener's preferred one. */
    static final double OTHER_DEVICE = 0.15;
    private static final String[] DEVICES = {Listener.MOBILE, Listener.DESKTOP, Listener.WEB};
    private static final long MIN_SKIP_MS = 1_000;

    private final EventType[] planTypes = new EventType[5];
    private final long[] planPositions = new long[5];
    private int planSize;
    private int planIndex;
    private int tracksLeft;

    private int listener;
    private int taste;
    private double skipFactor;
    private String id;
    private String device;
    private int song;
    private EventType type;
    private long positionMs;

    /** Makes this session a new one of {@code listener}, starting at this local hour (0-23). */
    void start(int listener, Listener who, int localHour, SplittableRandom random) {
        this.listener = listener;
        this.taste = who.taste();
        this.id = RandomIds.next(random);
        this.device = random.nextDouble() < OTHER_DEVICE
                ? DEVICES[random.nextInt(DEVICES.length)]
                : who.preferredDevice();
        this.skipFactor = SkipHabits.factor(who.skipPropensity(), device, localHour);
        double geometric = Math.log(1 - random.nextDouble()) / Math.log(1 - 1 / MEAN_TRACKS);
        this.tracksLeft = (int) Math.min(MAX_TRACKS, 1 + (long) geometric);
        this.planSize = 0;
        this.planIndex = 0;
    }

    /** True when the session has no event left and a new one should take its place. */
    boolean isOver() {
        return planIndex == planSize && tracksLeft == 0;
    }

    /** Moves to the session's next event; call only when it is not over. */
    void advance(SplittableRandom random, Tastes songs, SongChances chances) {
        if (planIndex == planSize) {
            planTrack(random, songs, chances);
        }
        type = planTypes[planIndex];
        positionMs = planPositions[planIndex++];
    }

    private void planTrack(SplittableRandom random, Tastes songs, SongChances chances) {
        song = songs.pick(taste, random);
        tracksLeft--;
        planSize = 0;
        planIndex = 0;
        long end = chances.durationMs(song);
        boolean skipped = random.nextDouble() < Math.min(SkipHabits.MAX_SKIP, chances.skip(song) * skipFactor);
        if (skipped) {
            end = Math.max(MIN_SKIP_MS, (long) (end * Math.pow(random.nextDouble(), chances.skipShape(song))));
        }
        long pauseAt = random.nextDouble() < chances.pause() ? (long) (random.nextDouble() * end) : -1;
        long addAt = random.nextDouble() < chances.addToPlaylist(song) ? (long) (random.nextDouble() * end) : -1;
        plan(EventType.PLAY, 0);
        if (addAt >= 0 && (pauseAt < 0 || addAt < pauseAt)) {
            plan(EventType.ADD_TO_PLAYLIST, addAt);
            addAt = -1;
        }
        if (pauseAt >= 0) {
            plan(EventType.PAUSE, pauseAt);
            plan(EventType.PLAY, pauseAt);
        }
        if (addAt >= 0) {
            plan(EventType.ADD_TO_PLAYLIST, addAt);
        }
        if (skipped) {
            plan(EventType.SKIP, end);
        }
    }

    private void plan(EventType eventType, long position) {
        planTypes[planSize] = eventType;
        planPositions[planSize++] = position;
    }

    int listener() {
        return listener;
    }

    String id() {
        return id;
    }

    String device() {
        return device;
    }

    int song() {
        return song;
    }

    EventType type() {
        return type;
    }

    long positionMs() {
        return positionMs;
    }
}
