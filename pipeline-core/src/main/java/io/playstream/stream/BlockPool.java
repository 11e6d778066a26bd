package io.playstream.stream;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * Fixed-size blocks outside the heap that the sink's chunks hold their lines in until the flush that
 * wrote them is committed, then reused. Buffered lines live for seconds: on the heap the collector
 * would copy them at every young collection and grow the heap for them; here they are written once,
 * read once by gzip, and their memory is what {@link SinkConfig#maxBufferedBytes()} bounds (the
 * sink pauses its partitions past it), plus at most one part-filled block per open chunk.
 * Thread-safe.
 */
final class BlockPool {

    /** Small enough that a chunk's last, part-filled block wastes little; large enough for few blocks per file. */
    static final int BLOCK_BYTES = 64 << 10;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final int maxFree;

    /** @param retainedBytes how much memory freed blocks may keep for reuse; the rest goes back to the JVM */
    BlockPool(long retainedBytes) {
        this.maxFree = (int) Math.min(Integer.MAX_VALUE, retainedBytes / BLOCK_BYTES);
    }

    /** An empty block, ready to be written. */
    synchronized ByteBuffer take() {
        ByteBuffer block = free.poll();
        if (block != null) {
            return block.clear();
        }
        try {
            return ByteBuffer.allocateDirect(BLOCK_BYTES);
        } catch (OutOfMemoryError e) {
            // direct memory is capped at -Xmx unless -XX:MaxDirectMemorySize says otherwise: a small
            // heap gets heap blocks rather than a failed sink
            return ByteBuffer.allocate(BLOCK_BYTES);
        }
    }

    /** Blocks nobody reads or writes any more. */
    synchronized void give(Collection<ByteBuffer> blocks) {
        for (ByteBuffer block : blocks) {
            if (free.size() >= maxFree) {
                return;
            }
            free.push(block);
        }
    }
}
