package io.playstream.generate;

/**
 * How much people listen at each hour of their local week: little at night, a morning commute and
 * a lull at work on weekdays, most in the evening; on weekends a later morning, a busy afternoon
 * and less in all (streaming services see their weekly low on Sundays). Relative values, 1 at the
 * weekday peak. Hours of the week count from Monday 00:00.
 */
final class DailyRhythm {

    static final int HOURS_PER_WEEK = 7 * 24;
    /** Saturday 00:00 in hours of the week. */
    static final int WEEKEND_START = 5 * 24;

    private static final double[] WEEKDAY = {
        0.35, 0.22, 0.14, 0.09, 0.07, 0.09, 0.20, 0.50, 0.80, 0.70, 0.60, 0.60,
        0.70, 0.70, 0.65, 0.65, 0.75, 0.90, 1.00, 1.00, 0.95, 0.85, 0.70, 0.50};
    private static final double[] WEEKEND = {
        0.40, 0.30, 0.20, 0.12, 0.08, 0.07, 0.08, 0.15, 0.30, 0.45, 0.60, 0.70,
        0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.80, 0.80, 0.75, 0.70, 0.60, 0.50};
    /** Epoch day 0 (1970-01-01) was a Thursday: day 3 of a week starting on Monday. */
    private static final int EPOCH_WEEKDAY = 3;

    private DailyRhythm() {
    }

    /** Activity at this local hour of the week (0-167, Monday 00:00 is 0), between 0 and 1. */
    static double weeklyActivity(int localHourOfWeek) {
        int hour = localHourOfWeek % 24;
        return isWeekend(localHourOfWeek) ? WEEKEND[hour] : WEEKDAY[hour];
    }

    static boolean isWeekend(int hourOfWeek) {
        return hourOfWeek >= WEEKEND_START;
    }

    /** The local hour (0-23) in the middle of this UTC hour at this offset. */
    static int localHour(int utcHour, int utcOffsetMinutes) {
        return Math.floorMod(utcHour * 60 + 30 + utcOffsetMinutes, 24 * 60) / 60;
    }

    /** The local hour of the week (0-167) in the middle of this UTC hour of the week at this offset. */
    static int localHourOfWeek(int utcHourOfWeek, int utcOffsetMinutes) {
        return Math.floorMod(utcHourOfWeek * 60 + 30 + utcOffsetMinutes, HOURS_PER_WEEK * 60) / 60;
    }

    /** The UTC hour of the week (0-167, Monday 00:00 is 0) of a time in epoch microseconds. */
    static int utcHourOfWeek(long epochMicros) {
        long hours = Math.floorDiv(epochMicros, 3_600_000_000L);
        return (int) Math.floorMod(hours + EPOCH_WEEKDAY * 24L, HOURS_PER_WEEK);
    }
}
