package io.playstream.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines at {@code \n}, byte for byte: nothing else is stripped, so a line is
 * exactly what was written. A last line without a newline (the original pipeline wrote those) is a
 * line; the empty remainder after a final newline is not.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private boolean ended;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its newline, or null at the end. The array is reused: copy what you keep. */
    byte[] next() throws IOException {
        if (ended) {
            return null;
        }
        length = 0;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                return length > 0 ? line : null;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++; // the newline
                return line;
            }
        }
    }

    /** Length of the line {@link #next} returned. */
    int length() {
        return length;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        while (read == 0) {
            read = in.read(buffer);
        }
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private void append(int start, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, start, line, length, count);
        length += count;
    }
}
