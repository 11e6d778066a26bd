package io.playstream.event;

import java.util.List;

/** The wire names of the event's fields (CONTRACTS.md §1), shared by the codec, loaders and tests. */
public final class EventFields {

    public static final String EVENT_ID = "event_id";
    public static final String USER_ID = "user_id";
    public static final String SONG_ID = "song_id";
    public static final String ARTIST_NAME = "artist_name";
    public static final String SONG_NAME = "song_name";
    public static final String EVENT_TYPE = "event_type";
    public static final String DEVICE_TYPE = "device_type";
    public static final String COUNTRY = "country";
    public static final String TIMESTAMP = "timestamp";
    public static final String SESSION_ID = "session_id";
    public static final String POSITION_MS = "position_ms";
    public static final String DURATION_MS = "duration_ms";
    public static final String SCHEMA_VERSION = "schema_version";

    /** The nine fields every event carries, in the original pipeline's order. */
    public static final List<String> REQUIRED = List.of(EVENT_ID, USER_ID, SONG_ID, ARTIST_NAME, SONG_NAME,
            EVENT_TYPE, DEVICE_TYPE, COUNTRY, TIMESTAMP);

    /** The fields our generator adds; consumers treat them as nullable. */
    public static final List<String> OPTIONAL = List.of(SESSION_ID, POSITION_MS, DURATION_MS, SCHEMA_VERSION);

    private EventFields() {
    }
}
