package io.playstream.testing;

import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds events for tests: {@code anEvent().skip().at("2025-12-10T15:26:25Z").build()}. Every field
 * has a valid default, so a test names only what it is about.
 */
public final class EventBuilder {

    private static long counter;

    private String eventId;
    private String userId = "user-1";
    private String songId = "1bf43cf2-745e-57bb-8af1-5a7055a1f93a";
    private String artistName = "Kanye West";
    private String songName = "Stronger";
    private EventType eventType = EventType.PLAY;
    private String deviceType = "mobile";
    private String country = "AU";
    private Instant timestamp = Instant.parse("2025-12-10T15:26:25.799926Z");
    private String sessionId;
    private Long positionMs;
    private Long durationMs;
    private int schemaVersion = ListeningEvent.DEFAULT_SCHEMA_VERSION;

    private EventBuilder() {
        synchronized (EventBuilder.class) {
            eventId = new UUID(0x5eed, ++counter).toString();
        }
    }

    public static EventBuilder anEvent() {
        return new EventBuilder();
    }

    public EventBuilder id(String value) {
        eventId = value;
        return this;
    }

    public EventBuilder user(String value) {
        userId = value;
        return this;
    }

    public EventBuilder song(String id, String artist, String name) {
        songId = id;
        artistName = artist;
        songName = name;
        return this;
    }

    public EventBuilder type(EventType value) {
        eventType = value;
        return this;
    }

    public EventBuilder play() {
        return type(EventType.PLAY);
    }

    public EventBuilder skip() {
        return type(EventType.SKIP);
    }

    public EventBuilder pause() {
        return type(EventType.PAUSE);
    }

    public EventBuilder addToPlaylist() {
        return type(EventType.ADD_TO_PLAYLIST);
    }

    public EventBuilder device(String value) {
        deviceType = value;
        return this;
    }

    public EventBuilder country(String value) {
        country = value;
        return this;
    }

    public EventBuilder at(Instant value) {
        timestamp = value;
        return this;
    }

    public EventBuilder at(String isoInstant) {
        return at(Instant.parse(isoInstant));
    }

    public EventBuilder session(String id, long positionMs, long durationMs) {
        this.sessionId = id;
        this.positionMs = positionMs;
        this.durationMs = durationMs;
        return this;
    }

    public EventBuilder schemaVersion(int value) {
        schemaVersion = value;
        return this;
    }

    public ListeningEvent build() {
        return new ListeningEvent(eventId, userId, songId, artistName, songName, eventType, deviceType, country,
                timestamp, sessionId, positionMs, durationMs, schemaVersion);
    }
}
