package io.playstream.generate;

/**
 * How much people listen at each hour of their local day: little at night, a morning commute, a
 * lull at work, most in the evening. Relative values, 1 at the peak.
 */
final class DailyRhythm {

    private static final double[] BY_LOCAL_HOUR = {
        0.35, 0.22, 0.14, 0.09, 0.07, 0.09, 0.20, 0.50, 0.80, 0.70, 0.60, 0.60,
        0.70, 0.70, 0.65, 0.65, 0.75, 0.90, 1.00, 1.00, 0.95, 0.85, 0.70, 0.50};

    private DailyRhythm() {
    }

    /** Activity at this local hour (0-23), between 0 and 1. */
    static double activity(int localHour) {
        return BY_LOCAL_HOUR[localHour];
    }

    /** The local hour (0-23) in the middle of this UTC hour at this offset. */
    static int localHour(int utcHour, int utcOffsetMinutes) {
        return Math.floorMod(utcHour * 60 + 30 + utcOffsetMinutes, 24 * 60) / 60;
    }
}
