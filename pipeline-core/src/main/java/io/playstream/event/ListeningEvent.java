package io.playstream.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One thing a listener did, as CONTRACTS.md §1 defines it. The nine fields of the original pipeline
 * are required; {@code sessionId}, {@code positionMs} and {@code durationMs} are nullable because the
 * original's events do not carry them. Time is a UTC {@link Instant}.
 *
 * @param eventId       unique per event: the deduplication key
 * @param userId        the listener
 * @param songId        the song (the original: uuid5 of {@code artist + "::" + song})
 * @param artistName    the artist as shown
 * @param songName      the title as shown
 * @param eventType     what happened
 * @param deviceType    mobile, desktop, web; other values are data, not errors
 * @param country       ISO-3166 alpha-2 as sent (the original sends "UK" for GB)
 * @param timestamp     when it happened, in UTC
 * @param sessionId     the listening session, or null
 * @param positionMs    playback position when it happened, or null
 * @param durationMs    track length, or null
 * @param schemaVersion the wire schema's version, 1 when absent
 */
public record ListeningEvent(
        String eventId,
        String userId,
        String songId,
        String artistName,
        String songName,
        EventType eventType,
        String deviceType,
        String country,
        Instant timestamp,
        String sessionId,
        Long positionMs,
        Long durationMs,
        int schemaVersion) {

    /** The schema version of events that do not say. */
    public static final int DEFAULT_SCHEMA_VERSION = 1;

    public ListeningEvent {
        requireNonBlank(eventId, "event_id");
        requireNonBlank(userId, "user_id");
        requireNonBlank(songId, "song_id");
        requireNonNull(artistName, "artist_name");
        requireNonNull(songName, "song_name");
        requireNonNull(eventType, "event_type");
        requireNonNull(deviceType, "device_type");
        requireNonNull(country, "country");
        requireNonNull(timestamp, "timestamp");
        requireNonNegative(positionMs, "position_ms");
        requireNonNegative(durationMs, "duration_ms");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema_version must be >= 1, was " + schemaVersion);
        }
    }

    /** An event with only the original pipeline's nine fields. */
    public static ListeningEvent of(String eventId, String userId, String songId, String artistName,
            String songName, EventType eventType, String deviceType, String country, Instant timestamp) {
        return new ListeningEvent(eventId, userId, songId, artistName, songName, eventType, deviceType,
                country, timestamp, null, null, null, DEFAULT_SCHEMA_VERSION);
    }

    private static void requireNonBlank(String value, String field) {
        requireNonNull(value, field);
        if (EventContract.isBlank(value)) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requireNonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
    }
}
