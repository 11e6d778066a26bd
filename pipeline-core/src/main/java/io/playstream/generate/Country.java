package io.playstream.generate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Where listeners live: an ISO-3166 alpha-2 code, the share of listeners living there, and one UTC
 * offset for the whole country (a simplification: the daily rhythm only needs the local hour
 * roughly right).
 *
 * @param code             ISO-3166 alpha-2, as sent on the wire
 * @param weight           relative share of listeners
 * @param utcOffsetMinutes local time minus UTC
 */
public record Country(String code, double weight, int utcOffsetMinutes) {

    /** Streaming markets, weighted roughly by their number of listeners. */
    public static final List<Country> MARKETS = List.of(
            new Country("US", 24, -6 * 60),
            new Country("BR", 8, -3 * 60),
            new Country("GB", 7, 0),
            new Country("DE", 7, 60),
            new Country("IN", 7, 5 * 60 + 30),
            new Country("MX", 5, -6 * 60),
            new Country("FR", 5, 60),
            new Country("JP", 4, 9 * 60),
            new Country("CA", 4, -5 * 60),
            new Country("AU", 4, 10 * 60),
            new Country("ES", 3, 60),
            new Country("IT", 3, 60),
            new Country("ID", 3, 7 * 60),
            new Country("KR", 2, 9 * 60),
            new Country("NL", 2, 60),
            new Country("SE", 2, 60),
            new Country("PL", 2, 60),
            new Country("AR", 2, -3 * 60),
            new Country("NG", 2, 60),
            new Country("ZA", 2, 2 * 60));

    public Country {
        requireNonNull(code, "code");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be > 0, was " + weight);
        }
        if (Math.abs(utcOffsetMinutes) > 14 * 60) {
            throw new IllegalArgumentException("utcOffsetMinutes must be within +-14 h, was " + utcOffsetMinutes);
        }
    }
}
