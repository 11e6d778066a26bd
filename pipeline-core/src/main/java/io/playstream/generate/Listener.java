package io.playstream.generate;

import static java.util.Objects.requireNonNull;

/**
 * A listener of the catalogue. The id is stable for a seed (the original pipeline made new ones at
 * every restart, so no listener had a history).
 *
 * @param id              a UUID string, the events' {@code user_id}
 * @param country         home country, ISO-3166 alpha-2
 * @param utcOffsetMinutes local time minus UTC at home: drives the daily rhythm
 * @param preferredDevice the device used for most sessions: mobile, desktop or web
 */
public record Listener(String id, String country, int utcOffsetMinutes, String preferredDevice) {

    public static final String MOBILE = "mobile";
    public static final String DESKTOP = "desktop";
    public static final String WEB = "web";

    public Listener {
        requireNonNull(id, "id");
        requireNonNull(country, "country");
        requireNonNull(preferredDevice, "preferredDevice");
    }
}
