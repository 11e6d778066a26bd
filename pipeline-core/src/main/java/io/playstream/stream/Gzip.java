package io.playstream.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Gzip at a chosen level ({@link GZIPOutputStream} alone only offers the default, 6). */
final class Gzip {

    private Gzip() {
    }

    static byte[] compress(byte[] body, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip in memory", e);
        }
        return out.toByteArray();
    }

    private static final class LeveledGzipOutputStream extends GZIPOutputStream {

        LeveledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(level);
        }
    }
}
