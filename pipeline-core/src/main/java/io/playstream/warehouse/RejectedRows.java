package io.playstream.warehouse;

import io.playstream.PlaystreamException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * A batch's lines for {@code bronze._rejected_lines}, as COPY rows, held while the batch's own
 * COPY of its rows runs (a connection carries one COPY at a time) and copied after it. The first
 * {@link CopyTextWriter#FLUSH_AT} bytes stay in memory; beyond them the rows go to a temporary
 * file, deleted on close. So a batch of nothing but rejected lines costs the heap no more than
 * one of good lines, and the common batch with few or none never touches the disk.
 */
final class RejectedRows implements AutoCloseable {

    private static final int READ_BUFFER = 1 << 16;

    private final CopyTextWriter rows = new CopyTextWriter(this::spill);
    private final byte[] loadedAt;
    private long count;
    private Path file;
    private OutputStream spilled;

    RejectedRows(String loadedAt) {
        this.loadedAt = CopyTextWriter.escaped(loadedAt);
    }

    void add(byte[] escapedKey, long lineNumber, String reason, String raw) throws SQLException {
        rows.escapedColumn(escapedKey).column(lineNumber).column(reason).column(raw).escapedColumn(loadedAt).endRow();
        count++;
    }

    long count() {
        return count;
    }

    /** Whether the rows outgrew memory into a temporary file. */
    boolean spilled() {
        return file != null;
    }

    /** Copies the rows into {@code bronze._rejected_lines}, in the order they were added. */
    void copyInto(CopyManager copies) throws SQLException {
        String statement = PostgresBulkLoader.copyStatement(BronzeTables.REJECTED, BronzeTables.REJECTED_COLUMNS);
        if (file == null) {
            CopyIn copy = copies.copyIn(statement);
            try {
                rows.finish(copy);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            return;
        }
        rows.flush();
        try {
            spilled.close();
            try (InputStream in = Files.newInputStream(file)) {
                copies.copyIn(statement, in, READ_BUFFER);
            }
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot read back the rejected lines spilled to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private void spill(byte[] bytes, int from, int length) {
        try {
            if (file == null) {
                file = Files.createTempFile("playstream-rejected-", ".copy");
                spilled = new BufferedOutputStream(Files.newOutputStream(file), READ_BUFFER);
            }
            spilled.write(bytes, from, length);
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot spill rejected lines to a temporary file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            spilled.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
