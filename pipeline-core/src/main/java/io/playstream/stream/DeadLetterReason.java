package io.playstream.stream;

/** Why the sink sent a message to dead-letter instead of bronze (CONTRACTS.md §2). */
public enum DeadLetterReason {
    /** No value at all (a tombstone) or zero bytes. */
    EMPTY,
    /** Not parseable JSON, or JSON followed by more data. */
    NOT_JSON,
    /** Valid JSON but not an object (an array, a string, a number...). */
    NOT_AN_OBJECT,
    /** A JSON object without a top-level {@code timestamp} string. */
    MISSING_TIMESTAMP,
    /** A {@code timestamp} that is not an ISO-8601 instant with an offset. */
    BAD_TIMESTAMP,
    /** A line break inside the message would split it across two bronze lines. */
    LINE_BREAK,
    /** Bytes that are not UTF-8. */
    NOT_UTF8,
    /** A message past {@code MessageCheck.MAX_MESSAGE_BYTES}, or nesting or a string past the parser's limits. */
    TOO_LARGE,
    /**
     * An event field of the wrong JSON type (a number, boolean, object or array where the contract
     * says string): bronze keeps fields as text, so silver could no longer tell {@code 42} from
     * {@code "42"}.
     */
    WRONG_TYPE,
    /**
     * An event field given twice: JSON leaves the meaning open, and the engines disagree (DuckDB
     * reads the first, Jackson the last), so the same line would be a different event per warehouse.
     */
    DUPLICATE_FIELD
}
