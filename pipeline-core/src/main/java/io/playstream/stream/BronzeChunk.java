package io.playstream.stream;

import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The lines of one bronze file being built: one Kafka partition, one event-time hour, one flush.
 * Its key is fixed by its first record, so the same record sequence always yields the same key.
 */
final class BronzeChunk {

    private final BronzeKey key;
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream(64 * 1024);
    private int count;

    BronzeChunk(String topic, int partition, long startOffset, Instant eventTime) {
        this.key = BronzeKey.of(topic, partition, startOffset, eventTime, Compression.GZIP);
    }

    void add(byte[] message) {
        lines.write(message, 0, message.length);
        lines.write('\n');
        count++;
    }

    BronzeKey key() {
        return key;
    }

    int count() {
        return count;
    }

    /** The uncompressed body: the original messages, one per line. */
    byte[] body() {
        return lines.toByteArray();
    }
}
