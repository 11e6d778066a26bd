package io.playstream.event;

/** Why a message is not a valid event. Stable names: they are stored with every dead letter. */
public enum RejectReason {
    /** The bytes are not UTF-8 text. */
    NOT_UTF8,
    /** The text is not JSON (or has data after the JSON value). */
    NOT_JSON,
    /** The JSON is valid but not an object. */
    NOT_AN_OBJECT,
    /** Nesting, length or size beyond the codec's limits. */
    TOO_LARGE,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. a number where a string is required). */
    WRONG_TYPE,
    /** A field has the right type but a value outside its domain (blank id, negative position). */
    INVALID_VALUE,
    /** The timestamp is not an ISO-8601 instant. */
    BAD_TIMESTAMP,
    /** The event type is not one of play, pause, skip, add_to_playlist. */
    UNKNOWN_EVENT_TYPE
}
