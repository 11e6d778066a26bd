package io.playstream.warehouse;

import io.playstream.event.RejectReason;
import io.playstream.objectstore.ObjectStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DuckDB reads the objects itself: {@code read_csv} scans of the batch's files with a delimiter that
 * cannot occur (NUL) and quoting off, so a line arrives byte for byte; lines are numbered per file
 * (see {@link #insertLines}); one {@code json_transform} parses each line once for its fields
 * ({@link DuckDbPlainLine}), and {@code try} turns the parse error of a line that is not JSON into
 * NULL (a separate {@code json_valid} parsed every line twice); a line that is not in Playstream's
 * own encoding is parsed again by {@link DuckDbRescue}, which writes {@code _rescued} (its
 * {@code json_keys} used to parse every line a second time). gzip and zstd are detected from the key's
 * suffix. Lines that are not a JSON object are first written with a negative line number, then moved to {@code _rejected_lines}: one
 * read of every file. Objects of a non-local store are copied to a temporary folder first (DuckDB's
 * httpfs cannot be installed here): see {@link LocalObjectFiles}.
 */
final class DuckDbBulkLoader implements BulkLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbBulkLoader.class);

    private static final String CSV_OPTIONS = "columns = {'line': 'VARCHAR'}, delim = chr(0), quote = '', "
            + "escape = '', header = false, auto_detect = false, new_line = '\\n'";

    /** JSON's white space within a line (SQL's one-argument trim removes spaces only). */
    private static final String JSON_SPACE = "chr(32) || chr(9) || chr(13)";

    private final ObjectStore store;

    DuckDbBulkLoader(ObjectStore store) {
        this.store = store;
    }

    @Override
    public List<String> createStatements() {
        // DuckDB's default for long strings (dictionary + FSST) wrote _raw twice as big, and slower
        return BronzeTables.createStatements("varchar", "varchar using compression zstd", "timestamp");
    }

    @Override
    public Map<String, ObjectCounts> load(Connection connection, List<PendingObject> batch, LocalDateTime loadedAt,
            boolean keepRaw) throws SQLException {
        // an empty file has no lines, and read_csv wants at least one
        List<PendingObject> withContent = batch.stream().filter(o -> o.info().size() > 0).toList();
        if (withContent.isEmpty()) {
            return Map.of();
        }
        LocalObjectFiles files = LocalObjectFiles.of(store, withContent);
        try (files; Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute(insertLines(withContent, files, loadedAt, keepRaw, threads(statement)));
            long inserted = System.nanoTime();
            String ownRejects = " where _loaded_at = " + SqlLiterals.timestamp(loadedAt) + " and _line_number < 0";
            statement.execute("insert into " + BronzeTables.REJECTED + " select _source_object, -_line_number, "
                    + rejectReason("_raw") + ", coalesce(_raw, ''), _loaded_at from " + BronzeTables.EVENTS + ownRejects);
            statement.execute("delete from " + BronzeTables.EVENTS + ownRejects);
            long moved = System.nanoTime();
            Map<String, ObjectCounts> counts = counts(statement, loadedAt);
            LOG.debug("DuckDB batch(objects={}) insert={} ms, rejects={} ms, counts={} ms", withContent.size(),
                    (inserted - start) / 1_000_000, (moved - inserted) / 1_000_000, (System.nanoTime() - moved) / 1_000_000);
            return counts;
        }
    }

    /** Reads the object alone with the batch's own {@code read_csv} scan. */
    @Override
    public Optional<String> unreadable(Connection connection, PendingObject object) throws SQLException {
        if (object.info().size() == 0) {
            return Optional.empty();
        }
        try (LocalObjectFiles files = LocalObjectFiles.of(store, List.of(object));
                Statement statement = connection.createStatement()) {
            statement.execute("select count(*) from " + scan(List.of(object), files));
            return Optional.empty();
        } catch (SQLException e) {
            if (SqlFailures.isRetriable(e)) {
                throw e;
            }
            return Optional.of(e.getMessage());
        }
    }

    /** One {@code read_csv} over the objects' files: the batch's scan, or one object's alone. */
    private static String scan(List<PendingObject> objects, LocalObjectFiles files) {
        String paths = objects.stream().map(o -> SqlLiterals.string(files.path(o).toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        return "read_csv(" + paths + ", " + CSV_OPTIONS + ")";
    }

    /**
     * The batch's files in one {@code read_csv} per DuckDB thread, each over a run of consecutive
     * objects and materialised on its own, so DuckDB runs them side by side ({@link #numbered}; scans
     * joined by UNION ALL under one materialisation ran one after another on one thread). Line numbers: a scan keeps file and line order (insertion order is
     * preserved), {@code row_number() over ()} numbers its rows in that order, and a line's number in
     * its file is its row number less the file's first. The numbered lines are materialised so the
     * parsing after them runs on every thread; the contract tests check every line number against
     * the files. Each line is parsed once for its values ({@link DuckDbPlainLine}); only a line that
     * is not plain is parsed again with {@link DuckDbRescue}, whose {@code e} is null when the line is
     * not a JSON object. A line that is not a JSON object keeps its text in {@code _raw} until it is
     * moved to {@code _rejected_lines}; an object's line only when {@code keepRaw}.
     */
    static String insertLines(List<PendingObject> batch, LocalObjectFiles files, LocalDateTime loadedAt, boolean keepRaw,
            int scans) {
        String fields = IntStream.range(0, BronzeTables.FIELD_COLUMNS.size())
                .mapToObj(i -> "case when plain then " + DuckDbPlainLine.column(i, "v") + " else " + DuckDbRescue.column(i) + " end")
                .collect(Collectors.joining(", "));
        String keys = batch.stream().map(o -> SqlLiterals.string(o.value())).collect(Collectors.joining(", ", "[", "]"));
        String object = "(plain or e is not null)";
        String raw = keepRaw ? "line" : "case when not " + object + " then line end";
        return "insert into " + BronzeTables.EVENTS + " (" + String.join(", ", BronzeTables.EVENT_COLUMNS) + ")\n"
                + numbered(batch, files, scans)
                + "firsts as (select file_index, min(n) - 1 as before_first from numbered group by file_index)\n"
                + "select " + fields + ", " + raw + ", " + keys + "[file_index::bigint + 1], "
                + "case when " + object + " then line_number else -line_number end, " + SqlLiterals.timestamp(loadedAt) + ", "
                + "case when not plain then " + DuckDbRescue.rescued("line") + " end\n"
                + "from (select *, case when not plain and starts_with(ltrim(line, " + JSON_SPACE + "), '{') then "
                + DuckDbRescue.extract("line") + " end as e\n"
                + "from (select *, " + DuckDbPlainLine.is("line", "v") + " as plain\n"
                + "from (select line, file_index, n - before_first as line_number, " + DuckDbPlainLine.values("line") + " as v\n"
                + "from numbered join firsts using (file_index))))";
    }

    /**
     * The batch's lines numbered in {@code scans} scans of consecutive objects, side by side: each
     * scan's {@code row_number()} keeps its pipeline on one thread, so one scan left the other
     * threads idle while it read and numbered every line. A scan's {@code file_index} is made the
     * batch's by adding the index of its first object.
     */
    private static String numbered(List<PendingObject> batch, LocalObjectFiles files, int scans) {
        int count = Math.max(1, Math.min(batch.size(), scans));
        StringBuilder sql = new StringBuilder("with ");
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < count; i++) {
            int to = (int) ((long) batch.size() * (i + 1) / count);
            String name = "numbered_" + i;
            sql.append(name).append(" as materialized (select line, file_index + ").append(from)
                    .append(" as file_index, row_number() over () as n\n  from ").append(scan(batch.subList(from, to), files))
                    .append("),\n");
            parts.add("select * from " + name);
            from = to;
        }
        // not materialized: the numbered scans are already, and a second copy of every line costs
        return sql + "numbered as not materialized (" + String.join(" union all ", parts) + "),\n";
    }

    static String rejectReason(String column) {
        return "case when " + column + " is null or trim(" + column + ", " + JSON_SPACE + ") = '' then '"
                + RejectReason.EMPTY.lineReason() + "'"
                + " when not json_valid(" + column + ") then '" + RejectReason.NOT_JSON.lineReason() + "'"
                + " else 'JSON ' || case lower(json_type(" + column + ")) when 'varchar' then 'string'"
                + " when 'bigint' then 'number' when 'ubigint' then 'number' when 'double' then 'number'"
                + " when 'hugeint' then 'number' else lower(json_type(" + column + ")) end || ', not an object' end";
    }

    /** DuckDB's worker threads: one scan each. */
    private static int threads(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select current_setting('threads')")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Map<String, ObjectCounts> counts(Statement statement, LocalDateTime loadedAt) throws SQLException {
        Map<String, ObjectCounts> counts = new HashMap<>();
        String at = SqlLiterals.timestamp(loadedAt);
        try (ResultSet rows = statement.executeQuery("select _source_object, count(*) from " + BronzeTables.EVENTS
                + " where _loaded_at = " + at + " group by _source_object")) {
            while (rows.next()) {
                counts.merge(rows.getString(1), new ObjectCounts(rows.getLong(2), 0), ObjectCounts::plus);
            }
        }
        try (ResultSet rows = statement.executeQuery("select object_key, count(*) from " + BronzeTables.REJECTED
                + " where loaded_at = " + at + " group by object_key")) {
            while (rows.next()) {
                counts.merge(rows.getString(1), new ObjectCounts(0, rows.getLong(2)), ObjectCounts::plus);
            }
        }
        return counts;
    }
}
