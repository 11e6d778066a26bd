package io.playstream.warehouse;

import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows to PostgreSQL's {@code COPY ... FROM STDIN} in text format: tab between columns,
 * {@code \N} for null, and backslash, newline, carriage return and tab escaped. PostgreSQL text
 * cannot hold a NUL character at all, so one (from a JSON {@code \u0000} escape, or a broken line)
 * becomes U+FFFD; {@code _raw} keeps the escape as written, so nothing is lost for valid JSON.
 * It holds at most {@link #FLUSH_AT} bytes plus one row: a batch streams through it, whatever its size.
 */
final class CopyTextWriter {

    /**
     * Bytes gathered before one write to the server. The buffer (this plus {@link #SLACK}) stays
     * under half of G1's smallest region (1 MiB), so it is an ordinary young object: at 1 MiB it was
     * a humongous one that only a concurrent cycle frees, and a 30-million-event backfill's heap
     * after young collections climbed 2 MiB a batch until one ran.
     */
    static final int FLUSH_AT = 256 * 1024;
    /** Room for the row that crosses {@link #FLUSH_AT}, so a typical one does not grow the buffer. */
    private static final int SLACK = 64 * 1024;

    /** Where full buffers go: the server's COPY, or a holder of rows for a COPY to come ({@link RejectedRows}). */
    @FunctionalInterface
    interface Output {
        void write(byte[] bytes, int from, int count) throws SQLException;
    }

    private final Output output;
    private byte[] pending;
    private int length;
    private boolean firstColumn = true;

    CopyTextWriter(CopyIn copy) {
        this(copy::writeToCopy);
    }

    CopyTextWriter(Output output) {
        this(output, FLUSH_AT + SLACK);
    }

    private CopyTextWriter(Output output, int capacity) {
        this.output = output;
        this.pending = new byte[capacity];
    }

    CopyTextWriter column(String value) {
        separate();
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                put((byte) (0xF0 | (code >> 18)));
                put((byte) (0x80 | ((code >> 12) & 0x3F)));
                put((byte) (0x80 | ((code >> 6) & 0x3F)));
                put((byte) (0x80 | (code & 0x3F)));
            } else {
                char safe = Character.isSurrogate(c) ? '\uFFFD' : c;
                put((byte) (0xE0 | (safe >> 12)));
                put((byte) (0x80 | ((safe >> 6) & 0x3F)));
                put((byte) (0x80 | (safe & 0x3F)));
            }
        }
        return this;
    }

    /**
     * A column from UTF-8 bytes already checked to be valid, e.g. the line itself: the runs between
     * bytes that need escaping are copied whole (a JSON line has few or none).
     */
    CopyTextWriter column(byte[] utf8, int count) {
        separate();
        int run = 0;
        for (int i = 0; i < count; i++) {
            byte b = utf8[i];
            if (b == '\\' || b == '\n' || b == '\r' || b == '\t' || b == 0) {
                putAll(utf8, run, i - run);
                ascii((char) b);
                run = i + 1;
            }
        }
        putAll(utf8, run, count - run);
        return this;
    }

    /** The text of a value that repeats on many rows, escaped once: see {@link #escapedColumn}. */
    static byte[] escaped(String value) {
        CopyTextWriter writer = new CopyTextWriter(null, 64);
        writer.column(value);
        return java.util.Arrays.copyOf(writer.pending, writer.length);
    }

    /** A column escaped before by {@link #escaped}. */
    CopyTextWriter escapedColumn(byte[] escaped) {
        separate();
        putAll(escaped, 0, escaped.length);
        return this;
    }

    CopyTextWriter column(long value) {
        return column(Long.toString(value));
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        firstColumn = true;
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is pending to {@code copy} and ends it; returns the rows the server took. */
    long finish(CopyIn copy) throws SQLException {
        flushTo(copy::writeToCopy);
        return copy.endCopy();
    }

    /** Sends what is pending to the output. */
    void flush() throws SQLException {
        flushTo(output);
    }

    /** Sends what is pending to {@code target} instead of the output. */
    private void flushTo(Output target) throws SQLException {
        if (length > 0) {
            target.write(pending, 0, length);
            length = 0;
        }
    }

    private void ascii(char c) {
        switch (c) {
            case '\\' -> {
                put((byte) '\\');
                put((byte) '\\');
            }
            case '\n' -> {
                put((byte) '\\');
                put((byte) 'n');
            }
            case '\r' -> {
                put((byte) '\\');
                put((byte) 'r');
            }
            case '\t' -> {
                put((byte) '\\');
                put((byte) 't');
            }
            case '\0' -> {
                put((byte) 0xEF); // U+FFFD
                put((byte) 0xBF);
                put((byte) 0xBD);
            }
            default -> put((byte) c);
        }
    }

    private void separate() {
        if (!firstColumn) {
            put((byte) '\t');
        }
        firstColumn = false;
    }

    private void put(byte b) {
        if (length == pending.length) {
            pending = java.util.Arrays.copyOf(pending, pending.length * 2);
        }
        pending[length++] = b;
    }

    private void putAll(byte[] bytes, int from, int count) {
        if (length + count > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        System.arraycopy(bytes, from, pending, length, count);
        length += count;
    }
}
