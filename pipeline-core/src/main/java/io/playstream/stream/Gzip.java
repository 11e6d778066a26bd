package io.playstream.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Gzip at a chosen level ({@link GZIPOutputStream} alone only offers the default, 6). */
public final class Gzip {

    private static final int BUFFER = 64 * 1024;
    /** Where a writer thread copies a block before deflating it: zlib reads heap arrays without another copy. */
    private static final ThreadLocal<byte[]> STAGING = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    private Gzip() {
    }

    public static byte[] compress(byte[] body, int level) {
        return compress(List.of(ByteBuffer.wrap(body)), body.length, level);
    }

    /** Compresses the buffers' remaining bytes, in order, as one gzip member; leaves the buffers' positions alone. */
    static byte[] compress(List<ByteBuffer> parts, long size, int level) {
        // level 1 shrinks JSON lines about five times
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, size / 4)));
        byte[] staging = STAGING.get();
        try (GZIPOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
            for (ByteBuffer part : parts) {
                ByteBuffer view = part.duplicate();
                if (view.hasArray()) {
                    gzip.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
                    continue;
                }
                while (view.hasRemaining()) {
                    int n = Math.min(staging.length, view.remaining());
                    view.get(staging, 0, n);
                    gzip.write(staging, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip in memory", e);
        }
        return out.toByteArray();
    }

    private static final class LeveledGzipOutputStream extends GZIPOutputStream {

        LeveledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }
    }
}
