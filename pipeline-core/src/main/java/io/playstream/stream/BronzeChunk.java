package io.playstream.stream;

import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one bronze file being built: one Kafka partition, one event-time hour, one flush.
 * Its key is fixed by its first record, so the same record sequence always yields the same key.
 * The lines are copied once, into blocks of a {@link BlockPool}, which {@link #release()} returns.
 */
final class BronzeChunk {

    private final BronzeKey key;
    private final BlockPool pool;
    private final List<ByteBuffer> blocks = new ArrayList<>();
    private ByteBuffer current;
    private long size;
    private int count;

    BronzeChunk(String topic, int partition, long startOffset, Instant eventTime, BlockPool pool) {
        this.key = BronzeKey.of(topic, partition, startOffset, eventTime, Compression.GZIP);
        this.pool = pool;
    }

    void add(byte[] message) {
        write(message, message.length);
        if (current == null || !current.hasRemaining()) {
            nextBlock();
        }
        current.put((byte) '\n');
        size++;
        count++;
    }

    private void write(byte[] bytes, int length) {
        int offset = 0;
        while (offset < length) {
            if (current == null || !current.hasRemaining()) {
                nextBlock();
            }
            int n = Math.min(length - offset, current.remaining());
            current.put(bytes, offset, n);
            offset += n;
        }
        size += length;
    }

    private void nextBlock() {
        current = pool.take();
        blocks.add(current);
    }

    BronzeKey key() {
        return key;
    }

    int count() {
        return count;
    }

    /** Uncompressed bytes: the original messages, one per line. */
    long size() {
        return size;
    }

    /** The lines, as read-only views of the filled part of each block; valid until {@link #release()}. */
    List<ByteBuffer> lines() {
        List<ByteBuffer> views = new ArrayList<>(blocks.size());
        for (ByteBuffer block : blocks) {
            views.add(block.duplicate().flip().asReadOnlyBuffer());
        }
        return views;
    }

    /** The uncompressed body as one array (a copy). */
    byte[] body() {
        byte[] body = new byte[Math.toIntExact(size)];
        int at = 0;
        for (ByteBuffer view : lines()) {
            int n = view.remaining();
            view.get(body, at, n);
            at += n;
        }
        return body;
    }

    /** Gives the blocks back to the pool: nothing may read the lines afterwards. */
    void release() {
        pool.give(blocks);
        blocks.clear();
        current = null;
    }
}
