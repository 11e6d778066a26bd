package io.playstream.warehouse;

import io.playstream.PlaystreamException;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens an object's body decompressed, by its key: {@code .jsonl.gz} gzip, {@code .jsonl.zst} zstd
 * (through zstd-jni when it is on the class path, as it is next to the Kafka client), legacy
 * {@code .json} as is.
 */
final class ObjectBodies {

    private static final int BUFFER = 1 << 16;
    private static final String ZSTD_STREAM = "com.github.luben.zstd.ZstdInputStream";

    private ObjectBodies() {
    }

    static InputStream decompressed(PendingObject object, InputStream raw) throws IOException {
        if (!(object.key() instanceof BronzeKey bronze)) {
            return raw;
        }
        if (bronze.compression() == Compression.GZIP) {
            return new GZIPInputStream(raw, BUFFER);
        }
        return zstd(object, raw);
    }

    private static InputStream zstd(PendingObject object, InputStream raw) {
        try {
            return (InputStream) Class.forName(ZSTD_STREAM).getConstructor(InputStream.class).newInstance(raw);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw PlaystreamException.permanent("cannot read zstd object " + object.value()
                    + ": add com.github.luben:zstd-jni to the class path (the Kafka client brings it)", e);
        }
    }
}
