package io.playstream.warehouse;

import io.playstream.event.EventFields;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bronze table contract (CONTRACTS.md §3), shared by the loader, the dbt project and the
 * runner: schemas {@code bronze}, {@code silver}, {@code gold}; {@code bronze.spotify_events} with
 * every event field as text plus {@code _raw} (the line, only when the loader keeps it),
 * {@code _source_object}, {@code _line_number}, {@code _loaded_at} and {@code _rescued} (what the
 * field columns do not hold, see {@link RescuedFields}); {@code bronze._load_manifest};
 * {@code bronze._rejected_lines}.
 */
final class BronzeTables {

    static final String EVENTS = "bronze.spotify_events";
    static final String MANIFEST = "bronze._load_manifest";
    static final String REJECTED = "bronze._rejected_lines";
    /** The line byte for byte: on every row loaded before {@link #RESCUED} existed, and when the loader keeps it. */
    static final String RAW = "_raw";
    /** What the field columns do not hold, as a JSON object; null when they hold the whole line. */
    static final String RESCUED = "_rescued";

    /** The event fields as columns, in table order: the nine required, then the optional ones. */
    static final List<String> FIELD_COLUMNS = Stream.concat(EventFields.REQUIRED.stream(),
            EventFields.OPTIONAL.stream()).toList();
    /** Every column of {@code bronze.spotify_events}, in table order. */
    static final List<String> EVENT_COLUMNS = Stream.concat(FIELD_COLUMNS.stream(),
            Stream.of(RAW, "_source_object", "_line_number", "_loaded_at", RESCUED)).toList();
    static final List<String> REJECTED_COLUMNS = List.of("object_key", "line_number", "reason", "raw_line", "loaded_at");

    private BronzeTables() {
    }

    /**
     * Statements that create whatever is missing; each is idempotent.
     *
     * @param text      the dialect's text type
     * @param timestamp the dialect's timestamp without time zone
     */
    static List<String> createStatements(String text, String timestamp) {
        return createStatements(text, text, timestamp);
    }

    /**
     * As {@link #createStatements(String, String)}, with its own type for {@code _raw}: DuckDB stores
     * it with zstd, which for JSON lines is both smaller and cheaper to write than its default.
     */
    static List<String> createStatements(String text, String rawText, String timestamp) {
        List<String> statements = new ArrayList<>();
        for (String schema : List.of("bronze", "silver", "gold")) {
            statements.add("create schema if not exists " + schema);
        }
        String fields = FIELD_COLUMNS.stream().map(c -> c + " " + text).collect(Collectors.joining(", "));
        statements.add("create table if not exists " + EVENTS + " (" + fields + ", " + RAW + " " + rawText
                + ", _source_object " + text + ", _line_number bigint, _loaded_at " + timestamp + ", " + RESCUED + " "
                + text + ")");
        // the migration of a bronze from before _rescued: its rows keep their _raw, and the column
        // comes last, where a new table has it too, so both shapes are one
        statements.add("alter table " + EVENTS + " add column if not exists " + RESCUED + " " + text);
        statements.add("create table if not exists " + MANIFEST + " (object_key " + text + " primary key, etag " + text
                + ", size_bytes bigint, row_count bigint, rejected_lines bigint, loaded_at " + timestamp + ")");
        statements.add("create table if not exists " + REJECTED + " (object_key " + text + ", line_number bigint, reason "
                + text + ", raw_line " + text + ", loaded_at " + timestamp + ")");
        statements.addAll(Completeness.createStatements(text, timestamp));
        return statements;
    }
}
