package io.playstream.generate;

import static java.util.Objects.requireNonNull;

/**
 * A listener of the catalogue. The id is stable for a seed (the original pipeline made new ones at
 * every restart, so no listener had a history).
 *
 * @param id               a UUID string, the events' {@code user_id}
 * @param country          home country, ISO-3166 alpha-2
 * @param utcOffsetMinutes local time minus UTC at home ({@link Country}): drives the daily rhythm
 * @param preferredDevice  the device used for most sessions: mobile, desktop or web
 * @param activity         how often this listener starts a session, relative to the average of 1
 *                         (heavy-tailed: most listen a little, a few a lot)
 * @param skipPropensity   how readily this listener skips, relative to the average of 1
 * @param taste            the genre most of this listener's tracks come from
 * @param joinsAt          when the listener first listens, as a share of a simulated range (0: from
 *                         its start); real time ignores it
 * @param leavesAt         when the listener stops, as a share of a simulated range (1: never)
 */
public record Listener(String id, String country, int utcOffsetMinutes, String preferredDevice,
        double activity, double skipPropensity, int taste, double joinsAt, double leavesAt) {

    public static final String MOBILE = "mobile";
    public static final String DESKTOP = "desktop";
    public static final String WEB = "web";

    public Listener {
        requireNonNull(id, "id");
        requireNonNull(country, "country");
        requireNonNull(preferredDevice, "preferredDevice");
        if (!(activity > 0) || !(skipPropensity >= 0)) {
            throw new IllegalArgumentException("activity must be > 0 and skipPropensity >= 0, were "
                    + activity + " and " + skipPropensity);
        }
        if (!(joinsAt >= 0 && joinsAt < leavesAt && leavesAt <= 1)) {
            throw new IllegalArgumentException("joinsAt and leavesAt must satisfy 0 <= joinsAt < leavesAt <= 1, were "
                    + joinsAt + " and " + leavesAt);
        }
    }

    /** True when the listener listens at this point of a simulated range (a share from 0 to 1). */
    public boolean presentAt(double shareOfRange) {
        return shareOfRange >= joinsAt && shareOfRange < leavesAt;
    }
}
