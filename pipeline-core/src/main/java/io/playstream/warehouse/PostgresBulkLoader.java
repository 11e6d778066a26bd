package io.playstream.warehouse;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL: the lines are parsed in Java ({@link BronzeLineParser}, Jackson streaming) and streamed
 * through one {@code COPY ... FROM STDIN} per batch; rejected lines follow in a second COPY. Both run
 * in the caller's transaction, before the manifest rows. Nothing of a batch is held whole: an
 * object is read line by line, rows go out a buffer at a time ({@link CopyTextWriter}) and rejected
 * lines wait in {@link RejectedRows}, so the heap a load needs is a few MiB plus its longest line,
 * whatever the batch's size.
 */
final class PostgresBulkLoader implements BulkLoader {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private final ObjectStore store;

    PostgresBulkLoader(ObjectStore store) {
        this.store = store;
    }

    /**
     * Bronze's tables, and a BRIN index on {@code _loaded_at}: silver takes in the rows of the load
     * batches it has not seen ({@code in_load_batches}), which without it is a scan of all of bronze
     * on every micro-batch. Rows arrive in load order, so a block range summary prunes all but the
     * newest blocks, and it costs the COPY next to nothing (a btree would be maintained per row).
     */
    @Override
    public List<String> createStatements() {
        List<String> statements = new ArrayList<>(BronzeTables.createStatements("text", "timestamp"));
        statements.add("create index if not exists spotify_events_loaded_at on " + BronzeTables.EVENTS
                + " using brin (_loaded_at)");
        return statements;
    }

    @Override
    public Map<String, ObjectCounts> load(Connection connection, List<PendingObject> batch, LocalDateTime loadedAt,
            boolean keepRaw) throws SQLException {
        CopyManager copies = connection.unwrap(PGConnection.class).getCopyAPI();
        String at = TIMESTAMP.format(loadedAt);
        Map<String, ObjectCounts> counts = new HashMap<>();
        try (RejectedRows rejected = new RejectedRows(at)) {
            CopyIn copy = copies.copyIn(copyStatement(BronzeTables.EVENTS, BronzeTables.EVENT_COLUMNS));
            try {
                CopyTextWriter rows = new CopyTextWriter(copy);
                BronzeLineParser parser = new BronzeLineParser();
                for (PendingObject object : batch) {
                    counts.put(object.value(), copyObject(object, parser, rows, rejected, at, keepRaw));
                }
                rows.finish(copy);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            if (rejected.count() > 0) {
                rejected.copyInto(copies);
            }
        }
        return counts;
    }

    @Override
    public Optional<String> unreadable(Connection connection, PendingObject object) {
        return UnreadableObjects.readInJava(store, object);
    }

    static String copyStatement(String table, List<String> columns) {
        return "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
    }

    private ObjectCounts copyObject(PendingObject object, BronzeLineParser parser, CopyTextWriter rows,
            RejectedRows rejected, String loadedAt, boolean keepRaw) throws SQLException {
        long written = 0;
        long refused = 0;
        // the same on every row of the object: a key's value() formats it anew each time
        String key = object.value();
        byte[] keyColumn = CopyTextWriter.escaped(key);
        byte[] loadedAtColumn = CopyTextWriter.escaped(loadedAt);
        try (InputStream body = ObjectBodies.decompressed(object, store.open(object.value()))) {
            LineReader lines = new LineReader(body);
            long number = 0;
            byte[] line;
            while ((line = lines.next()) != null) {
                number++;
                BronzeLineParser.Line parsed = parser.parse(line, lines.length());
                if (parsed.isRejected()) {
                    rejected.add(keyColumn, number, parsed.rejectReason(), parsed.raw());
                    refused++;
                    continue;
                }
                for (String field : parsed.fields()) {
                    rows.column(field);
                }
                if (keepRaw) {
                    rows.column(line, lines.length());
                } else {
                    rows.column((String) null);
                }
                rows.escapedColumn(keyColumn).column(number).escapedColumn(loadedAtColumn).column(parsed.rescued()).endRow();
                written++;
            }
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot read object " + object.value() + " from " + store.describe()
                    + ": " + e.getMessage(), e);
        }
        return new ObjectCounts(written, refused);
    }
}
