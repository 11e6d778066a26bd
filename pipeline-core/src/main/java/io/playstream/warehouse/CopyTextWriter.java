package io.playstream.warehouse;

import java.nio.charset.StandardCharsets;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows to PostgreSQL's {@code COPY ... FROM STDIN} in text format: tab between columns,
 * {@code \N} for null, and backslash, newline, carriage return and tab escaped. PostgreSQL text
 * cannot hold a NUL character at all, so one (from a JSON {@code \u0000} escape, or a broken line)
 * becomes U+FFFD; {@code _raw} keeps the escape as written, so nothing is lost for valid JSON.
 */
final class CopyTextWriter {

    /** Bytes gathered before one write to the server. */
    static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder pending = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstColumn = true;

    CopyTextWriter(CopyIn copy) {
        this.copy = copy;
    }

    CopyTextWriter column(String value) {
        if (!firstColumn) {
            pending.append('\t');
        }
        firstColumn = false;
        if (value == null) {
            pending.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> pending.append("\\\\");
                case '\n' -> pending.append("\\n");
                case '\r' -> pending.append("\\r");
                case '\t' -> pending.append("\\t");
                case '\0' -> pending.append('\uFFFD');
                default -> pending.append(c);
            }
        }
        return this;
    }

    CopyTextWriter column(long value) {
        return column(Long.toString(value));
    }

    void endRow() throws java.sql.SQLException {
        pending.append('\n');
        firstColumn = true;
        if (pending.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is pending and ends the COPY; returns the rows the server took. */
    long finish() throws java.sql.SQLException {
        flush();
        return copy.endCopy();
    }

    private void flush() throws java.sql.SQLException {
        if (pending.length() == 0) {
            return;
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        pending.setLength(0);
    }

}
