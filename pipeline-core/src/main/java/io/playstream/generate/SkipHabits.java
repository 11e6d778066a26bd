package io.playstream.generate;

/**
 * How the situation bends a listener's skipping, as factors around 1: on a phone people skip more
 * (shuffle on the go, a tap away) than at a desktop (music in the background while working); they
 * skip most on the morning commute and in the evening, least late at night and during work hours,
 * when the music plays in the background. Multiplied with the listener's own propensity for a
 * session and with the song's skip chance for each track.
 */
final class SkipHabits {

    /** No track is certain to be skipped. */
    static final double MAX_SKIP = 0.95;

    private static final double[] BY_LOCAL_HOUR = {
        0.80, 0.75, 0.70, 0.70, 0.70, 0.80, 1.15, 1.30, 1.30, 1.15, 0.85, 0.85,
        0.95, 0.85, 0.85, 0.85, 0.95, 1.15, 1.20, 1.15, 1.10, 1.05, 0.95, 0.85};

    private SkipHabits() {
    }

    /** The factor of a session on this device at this local hour (0-23) of a listener of this propensity. */
    static double factor(double skipPropensity, String device, int localHour) {
        return skipPropensity * byDevice(device) * BY_LOCAL_HOUR[localHour];
    }

    private static double byDevice(String device) {
        return switch (device) {
            case Listener.MOBILE -> 1.15;
            case Listener.DESKTOP -> 0.75;
            default -> 0.95;
        };
    }
}
