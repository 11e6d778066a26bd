package io.playstream.warehouse;

import io.playstream.event.RejectReason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every statement the loader sends to Snowflake, in one place, so it can be read and checked
 * against expected SQL without an account. Objects go by {@code PUT} to a temporary internal stage,
 * then one {@code COPY INTO} per batch reads them with a CSV format whose field delimiter is NONE
 * and that has no quoting: {@code $1} is then the line byte for byte ({@code _raw}), which a JSON
 * file format would re-serialise. Fields come from {@code try_parse_json($1):field::varchar};
 * lines that are not a JSON object get a negative line number and are moved to
 * {@code _rejected_lines}, as in DuckDB. Only the manifest's ANSI statements live in
 * {@link LoadManifest}, shared by every dialect.
 */
final class SnowflakeStatements {

    static final String STAGE = "bronze._playstream_load";
    static final String LOCK_TABLE = "bronze._load_lock";
    static final String FILE_FORMAT = "(type = csv field_delimiter = none record_delimiter = '\\n' skip_header = 0"
            + " field_optionally_enclosed_by = none escape = none escape_unenclosed_field = none"
            + " empty_field_as_null = true compression = auto encoding = 'UTF8')";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private SnowflakeStatements() {
    }

    /**
     * Tables and this session's stage. DDL commits any open transaction in Snowflake, so all of it
     * runs before the first batch, never inside one.
     */
    static List<String> createTables() {
        List<String> statements = new ArrayList<>(BronzeTables.createStatements("varchar", "timestamp_ntz"));
        statements.add(createStage());
        return statements;
    }

    /** The lock rows: one for loads, one for transform runs, so a load and a run may overlap. */
    static final String LOAD_LOCK = "bronze";
    static final String TRANSFORM_LOCK = "transform";

    /** Creates the lock table and the lock's row, then locks that row until the transaction ends. */
    static String[] lockStatements(String name) {
        String row = SqlLiterals.string(name);
        return new String[] {
                "create schema if not exists bronze",
                "create table if not exists " + LOCK_TABLE + " (name varchar primary key, locked_at timestamp_ntz)",
                "merge into " + LOCK_TABLE + " as t using (select " + row + " as name) as s on t.name = s.name"
                        + " when not matched then insert (name, locked_at) values (s.name, current_timestamp())",
                "commit",
                "update " + LOCK_TABLE + " set locked_at = current_timestamp() where name = " + row};
    }

    static String createStage() {
        return "create temporary stage if not exists " + STAGE + " file_format = " + FILE_FORMAT;
    }

    /** Uploads one local file under the batch's folder of the stage, keeping the key's folders. */
    static String put(Path file, String batchId, PendingObject object) {
        String key = object.value();
        String folder = key.substring(0, key.lastIndexOf('/') + 1);
        return "put " + SqlLiterals.string("file://" + file.toAbsolutePath()) + " "
                + SqlLiterals.string("@" + STAGE + "/" + batchId + "/" + folder)
                + " auto_compress = false source_compression = auto_detect overwrite = true";
    }

    static String copyInto(String batchId, LocalDateTime loadedAt) {
        List<String> values = new ArrayList<>();
        for (String field : BronzeTables.FIELD_COLUMNS) {
            values.add("try_parse_json($1):" + field + "::varchar");
        }
        values.add("$1");
        values.add("substr(metadata$filename, " + (batchId.length() + 2) + ")");
        values.add("iff(is_object(try_parse_json($1)), metadata$file_row_number, -metadata$file_row_number)");
        values.add(timestamp(loadedAt));
        // _raw holds every line: see SnowflakeBulkLoader#load
        values.add("null");
        return "copy into " + BronzeTables.EVENTS + " (" + String.join(", ", BronzeTables.EVENT_COLUMNS) + ")"
                + " from (select " + String.join(", ", values) + " from @" + STAGE + "/" + batchId + "/)"
                + " file_format = " + FILE_FORMAT + " on_error = abort_statement force = true";
    }

    static String moveRejected(LocalDateTime loadedAt) {
        String json = "try_parse_json(_raw)";
        String reason = "case when _raw is null or trim(_raw) = '' then '" + RejectReason.EMPTY.lineReason() + "'"
                + " when " + json + " is null then '" + RejectReason.NOT_JSON.lineReason() + "'"
                + " else 'JSON ' || case lower(typeof(" + json + ")) when 'varchar' then 'string'"
                + " when 'integer' then 'number' when 'decimal' then 'number' when 'double' then 'number'"
                + " when 'null_value' then 'null' else lower(typeof(" + json + ")) end || ', not an object' end";
        return "insert into " + BronzeTables.REJECTED + " (" + String.join(", ", BronzeTables.REJECTED_COLUMNS) + ")"
                + " select _source_object, -_line_number, " + reason + ", coalesce(_raw, ''), _loaded_at from "
                + BronzeTables.EVENTS + ownRejects(loadedAt);
    }

    static String deleteRejected(LocalDateTime loadedAt) {
        return "delete from " + BronzeTables.EVENTS + ownRejects(loadedAt);
    }

    static String countRows(LocalDateTime loadedAt) {
        return "select _source_object, count(*) from " + BronzeTables.EVENTS + " where _loaded_at = "
                + timestamp(loadedAt) + " group by _source_object";
    }

    static String countRejected(LocalDateTime loadedAt) {
        return "select object_key, count(*) from " + BronzeTables.REJECTED + " where loaded_at = "
                + timestamp(loadedAt) + " group by object_key";
    }

    static String removeBatch(String batchId) {
        return "remove @" + STAGE + "/" + batchId + "/";
    }

    /** The statements of one batch in the order {@link SnowflakeBulkLoader} sends them. */
    static List<String> batch(List<Path> files, List<PendingObject> objects, String batchId, LocalDateTime loadedAt) {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            statements.add(put(files.get(i), batchId, objects.get(i)));
        }
        statements.add(copyInto(batchId, loadedAt));
        statements.add(moveRejected(loadedAt));
        statements.add(deleteRejected(loadedAt));
        return statements;
    }

    private static String ownRejects(LocalDateTime loadedAt) {
        return " where _loaded_at = " + timestamp(loadedAt) + " and _line_number < 0";
    }

    private static String timestamp(LocalDateTime value) {
        return "'" + TIMESTAMP.format(value) + "'::timestamp_ntz";
    }

    static String joined(List<String> statements) {
        return statements.stream().collect(Collectors.joining(";\n", "", ";\n"));
    }
}
