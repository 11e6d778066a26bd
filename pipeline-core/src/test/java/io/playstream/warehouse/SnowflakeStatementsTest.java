package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.ObjectInfo;
import io.playstream.partition.LegacyBronzeKey;
import io.playstream.partition.ObjectKey;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Snowflake account is reachable from here: these tests pin the SQL a load sends, statement by
 * statement, against SQL written out by hand.
 */
class SnowflakeStatementsTest {

    static final LocalDateTime LOADED_AT = LocalDateTime.parse("2026-01-02T03:04:05.123456");
    static final String BATCH = "b0123";

    @Test
    void aBatchPutsEachObjectThenCopiesAndMovesRejectedLinesAside() {
        PendingObject bronze = pending("bronze/date=2025-12-10/hour=15/spotify-events+0+0000000000000000042.jsonl.gz");
        PendingObject legacy = pending("bronze/date=2025-12-10/hour=15/spotify_events_2025-12-10T15-26-39.json");

        List<String> statements = SnowflakeStatements.batch(List.of(Path.of("/tmp/a/x.jsonl.gz"),
                Path.of("/tmp/it's/y.json")), List.of(bronze, legacy), BATCH, LOADED_AT);

        String format = "(type = csv field_delimiter = none record_delimiter = '\\n' skip_header = 0"
                + " field_optionally_enclosed_by = none escape = none escape_unenclosed_field = none"
                + " empty_field_as_null = true compression = auto encoding = 'UTF8')";
        assertThat(statements).containsExactly(
                "put 'file:///tmp/a/x.jsonl.gz' '@bronze._playstream_load/b0123/bronze/date=2025-12-10/hour=15/'"
                        + " auto_compress = false source_compression = auto_detect overwrite = true",
                "put 'file:///tmp/it''s/y.json' '@bronze._playstream_load/b0123/bronze/date=2025-12-10/hour=15/'"
                        + " auto_compress = false source_compression = auto_detect overwrite = true",
                "copy into bronze.spotify_events (event_id, user_id, song_id, artist_name, song_name, event_type,"
                        + " device_type, country, timestamp, session_id, position_ms, duration_ms, schema_version,"
                        + " _raw, _source_object, _line_number, _loaded_at, _rescued) from (select"
                        + " try_parse_json($1):event_id::varchar, try_parse_json($1):user_id::varchar,"
                        + " try_parse_json($1):song_id::varchar, try_parse_json($1):artist_name::varchar,"
                        + " try_parse_json($1):song_name::varchar, try_parse_json($1):event_type::varchar,"
                        + " try_parse_json($1):device_type::varchar, try_parse_json($1):country::varchar,"
                        + " try_parse_json($1):timestamp::varchar, try_parse_json($1):session_id::varchar,"
                        + " try_parse_json($1):position_ms::varchar, try_parse_json($1):duration_ms::varchar,"
                        + " try_parse_json($1):schema_version::varchar, $1, substr(metadata$filename, 7),"
                        + " iff(is_object(try_parse_json($1)), metadata$file_row_number, -metadata$file_row_number),"
                        + " '2026-01-02 03:04:05.123456'::timestamp_ntz, null from @bronze._playstream_load/b0123/)"
                        + " file_format = " + format + " on_error = abort_statement force = true",
                "insert into bronze._rejected_lines (object_key, line_number, reason, raw_line, loaded_at)"
                        + " select _source_object, -_line_number, case when _raw is null or trim(_raw) = ''"
                        + " then 'empty line' when try_parse_json(_raw) is null then 'not valid JSON'"
                        + " else 'JSON ' || case lower(typeof(try_parse_json(_raw))) when 'varchar' then 'string'"
                        + " when 'integer' then 'number' when 'decimal' then 'number' when 'double' then 'number'"
                        + " when 'null_value' then 'null' else lower(typeof(try_parse_json(_raw))) end"
                        + " || ', not an object' end, coalesce(_raw, ''), _loaded_at from bronze.spotify_events"
                        + " where _loaded_at = '2026-01-02 03:04:05.123456'::timestamp_ntz and _line_number < 0",
                "delete from bronze.spotify_events"
                        + " where _loaded_at = '2026-01-02 03:04:05.123456'::timestamp_ntz and _line_number < 0");
    }

    @Test
    void countsAndCleanUpAreScopedToTheBatch() {
        assertThat(SnowflakeStatements.countRows(LOADED_AT)).isEqualTo("select _source_object, count(*) from"
                + " bronze.spotify_events where _loaded_at = '2026-01-02 03:04:05.123456'::timestamp_ntz"
                + " group by _source_object");
        assertThat(SnowflakeStatements.countRejected(LOADED_AT)).isEqualTo("select object_key, count(*) from"
                + " bronze._rejected_lines where loaded_at = '2026-01-02 03:04:05.123456'::timestamp_ntz"
                + " group by object_key");
        assertThat(SnowflakeStatements.removeBatch(BATCH)).isEqualTo("remove @bronze._playstream_load/b0123/");
    }

    @Test
    void setupCreatesTheContractTablesAndTheStageOutsideAnyBatch() {
        assertThat(SnowflakeStatements.createTables()).containsExactly(
                "create schema if not exists bronze",
                "create schema if not exists silver",
                "create schema if not exists gold",
                "create table if not exists bronze.spotify_events (event_id varchar, user_id varchar,"
                        + " song_id varchar, artist_name varchar, song_name varchar, event_type varchar,"
                        + " device_type varchar, country varchar, timestamp varchar, session_id varchar,"
                        + " position_ms varchar, duration_ms varchar, schema_version varchar, _raw varchar,"
                        + " _source_object varchar, _line_number bigint, _loaded_at timestamp_ntz, _rescued varchar)",
                "alter table bronze.spotify_events add column if not exists _rescued varchar",
                "create table if not exists bronze._load_manifest (object_key varchar primary key, etag varchar,"
                        + " size_bytes bigint, row_count bigint, rejected_lines bigint, loaded_at timestamp_ntz)",
                "create table if not exists bronze._rejected_lines (object_key varchar, line_number bigint,"
                        + " reason varchar, raw_line varchar, loaded_at timestamp_ntz)",
                "create table if not exists bronze._partition_watermarks (partition_key varchar,"
                        + " complete_through timestamp_ntz, loaded_at timestamp_ntz)",
                "create table if not exists bronze._gold_watermark (complete_through timestamp_ntz,"
                        + " covered_loaded_at timestamp_ntz, built_at timestamp_ntz)",
                "insert into bronze._gold_watermark (complete_through, covered_loaded_at, built_at)"
                        + " select null, null, null where not exists (select 1 from bronze._gold_watermark)",
                "create temporary stage if not exists bronze._playstream_load file_format = "
                        + SnowflakeStatements.FILE_FORMAT);
    }

    @Test
    void theLoadLockIsARowLockHeldByAnOpenTransaction() {
        assertThat(SnowflakeStatements.lockStatements(SnowflakeStatements.LOAD_LOCK)).containsExactly(
                "create schema if not exists bronze",
                "create table if not exists bronze._load_lock (name varchar primary key, locked_at timestamp_ntz)",
                "merge into bronze._load_lock as t using (select 'bronze' as name) as s on t.name = s.name"
                        + " when not matched then insert (name, locked_at) values (s.name, current_timestamp())",
                "commit",
                "update bronze._load_lock set locked_at = current_timestamp() where name = 'bronze'");
    }

    @Test
    void theTransformLockIsAnotherRowOfTheSameTableSoALoadAndARunDoNotWaitForEachOther() {
        assertThat(SnowflakeStatements.lockStatements(SnowflakeStatements.TRANSFORM_LOCK)).containsExactly(
                "create schema if not exists bronze",
                "create table if not exists bronze._load_lock (name varchar primary key, locked_at timestamp_ntz)",
                "merge into bronze._load_lock as t using (select 'transform' as name) as s on t.name = s.name"
                        + " when not matched then insert (name, locked_at) values (s.name, current_timestamp())",
                "commit",
                "update bronze._load_lock set locked_at = current_timestamp() where name = 'transform'");
    }

    private static PendingObject pending(String key) {
        ObjectKey parsed = ObjectKey.parse(key).orElseThrow();
        assertThat(parsed instanceof LegacyBronzeKey || key.endsWith(".gz")).isTrue();
        return new PendingObject(parsed, new ObjectInfo(key, 10, "etag", Instant.EPOCH), false);
    }
}
