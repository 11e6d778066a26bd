package io.playstream.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Why a message, a bronze line or a bronze row is not a valid event: the one list of reasons for
 * every stage (CONTRACTS.md §1). The constant's name is its wire code and never changes: the sink
 * writes it as a dead letter's {@code reason}, the codec returns it; silver writes it in lower case
 * as {@code stg_events_quarantine.reject_reason} ({@link #quarantineCode()}); the loader writes
 * {@link #lineReason()} into {@code bronze._rejected_lines}. Renaming a constant is a migration of
 * stored data. The dbt project cannot import this class: its codes are checked against it by
 * {@code DbtContractCopiesTest}, its verdicts by {@code EventContractAgreementIT}.
 */
public enum RejectReason {

    // the message or line as a whole: dead letters, and bronze._rejected_lines for the loader's part

    /** No value at all (a tombstone), zero bytes, or a line of nothing but spaces. */
    EMPTY(Stage.SINK, "empty line"),
    /** A message past {@link EventContract#MAX_MESSAGE_BYTES}, or nesting or a string past the parser's limits. */
    TOO_LARGE(Stage.SINK, null),
    /** A raw line break inside the message would split it across two bronze lines. */
    LINE_BREAK(Stage.SINK, null),
    /** Bytes that are not UTF-8, or a {@code \\u} escape naming half a surrogate pair. */
    NOT_UTF8(Stage.SINK, "not UTF-8"),
    /** Not parseable JSON, JSON followed by more data, or a leading byte order mark. */
    NOT_JSON(Stage.SINK, "not valid JSON"),
    /** Valid JSON but not an object; the loader's text names the JSON type (see {@link #lineReason(String)}). */
    NOT_AN_OBJECT(Stage.SINK, "JSON %s, not an object"),
    /**
     * An event field of the wrong JSON type: the sink refuses a string field given as a number,
     * boolean, object or array, since bronze keeps fields as text and silver could no longer tell
     * {@code 42} from {@code "42"}; the codec also refuses a number field given as a string.
     */
    WRONG_TYPE(Stage.SINK, null),
    /**
     * An event field given twice: JSON leaves the meaning open, and engines disagree (DuckDB reads
     * the first, Jackson the last); the sink refuses it, a loader keeps the first.
     */
    DUPLICATE_FIELD(Stage.SINK, null),

    // silver's rules, in the order dbt/macros/reject_reason.sql applies them (EventRules)

    /** {@code event_id} absent, null or blank. */
    MISSING_EVENT_ID(Stage.SILVER, null),
    /** {@code user_id} absent, null or blank. */
    MISSING_USER_ID(Stage.SILVER, null),
    /** {@code song_id} absent, null or blank. */
    MISSING_SONG_ID(Stage.SILVER, null),
    /** {@code event_type} absent, null or blank. */
    MISSING_EVENT_TYPE(Stage.SILVER, null),
    /** The event type is not one of play, pause, skip, add_to_playlist (case-sensitive). */
    UNKNOWN_EVENT_TYPE(Stage.SILVER, null),
    /** No {@code timestamp}, or a null or blank one. The sink refuses it too. */
    MISSING_TIMESTAMP(Stage.SINK_AND_SILVER, null),
    /** A {@code timestamp} that is not a string holding an ISO-8601 instant with an offset ({@link Timestamps}). */
    BAD_TIMESTAMP(Stage.SINK_AND_SILVER, null),
    /** A real instant no listener can have played at: before {@code earliest_event_at}, or too far after the load. */
    TIMESTAMP_OUT_OF_RANGE(Stage.SILVER, null),
    /** {@code position_ms} given but not a whole number of at most 18 digits, 0 or more. */
    BAD_POSITION_MS(Stage.SILVER, null),
    /** {@code duration_ms} given but not a whole number of at most 18 digits, 0 or more. */
    BAD_DURATION_MS(Stage.SILVER, null),
    /** {@code schema_version} given but not a whole number from 1 to {@link EventContract#MAX_SCHEMA_VERSION}. */
    BAD_SCHEMA_VERSION(Stage.SILVER, null),
    /** A valid event whose {@code event_id} silver already keeps from an earlier row. */
    DUPLICATE_EVENT_ID(Stage.SILVER, null),

    // the codec's own, stricter than the warehouse

    /**
     * {@code artist_name}, {@code song_name}, {@code device_type} or {@code country} absent or null:
     * a {@link ListeningEvent} needs them, silver keeps such rows (device and country as 'unknown').
     */
    MISSING_FIELD(Stage.CODEC, null);

    /** Where a reason is written down. */
    private enum Stage { SINK, SILVER, SINK_AND_SILVER, CODEC }

    private final Stage stage;
    private final String lineReason;

    RejectReason(Stage stage, String lineReason) {
        this.stage = stage;
        this.lineReason = lineReason;
    }

    /** The wire code: a dead letter's {@code reason} and the codec's, e.g. {@code NOT_JSON}. */
    public String code() {
        return name();
    }

    /** The code silver writes as {@code reject_reason}, e.g. {@code bad_timestamp}. */
    public String quarantineCode() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the sink may dead-letter a message for this reason. */
    public boolean deadLetters() {
        return stage == Stage.SINK || stage == Stage.SINK_AND_SILVER;
    }

    /** True when silver may quarantine a row for this reason. */
    public boolean quarantines() {
        return stage == Stage.SILVER || stage == Stage.SINK_AND_SILVER;
    }

    /**
     * What the loader writes as {@code bronze._rejected_lines.reason} for a line refused for this
     * reason, e.g. {@code not valid JSON}; null for reasons that do not refuse a whole line.
     */
    public String lineReason() {
        return lineReason;
    }

    /** {@link #lineReason()} of {@link #NOT_AN_OBJECT}, naming the JSON type, e.g. {@code JSON array, not an object}. */
    public String lineReason(String jsonType) {
        return String.format(Locale.ROOT, lineReason, jsonType);
    }

    /** The reasons silver can write, in the order its rules apply: the first broken one is the row's. */
    public static List<RejectReason> quarantineOrder() {
        return Arrays.stream(values()).filter(RejectReason::quarantines).toList();
    }
}
