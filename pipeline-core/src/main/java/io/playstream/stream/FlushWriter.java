package io.playstream.stream;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores every file of a flush: compresses and uploads the chunks on a few threads at once (gzip
 * is the sink's main cost, and each file waits on its fsync or its S3 upload), and fails as a whole
 * if any file fails, so the caller commits only when all are stored. Writing runs in the background:
 * the sink goes on polling meanwhile.
 */
final class FlushWriter implements AutoCloseable {

    private final ObjectStore store;
    private final int gzipLevel;
    private final ExecutorService pool;

    FlushWriter(ObjectStore store, int gzipLevel, int threads) {
        this.store = store;
        this.gzipLevel = gzipLevel;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bronze-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts writing every chunk of {@code buffer}, which must not change until the result is done.
     * The result fails (with a retriable or permanent {@link PlaystreamException}) when any file failed,
     * and completes only when every file's write has ended, so no write of it is left running.
     */
    CompletableFuture<FlushResult> submit(FlushBuffer buffer) {
        List<CompletableFuture<Long>> uploads = new ArrayList<>();
        long[] lines = new long[2];
        List<String> bronzeKeys = new ArrayList<>();
        for (PartitionBatch batch : buffer.batches()) {
            batch.bronzeChunks().forEach(chunk -> {
                lines[0] += chunk.count();
                bronzeKeys.add(chunk.key().value());
                List<java.nio.ByteBuffer> body = chunk.lines();
                long size = chunk.size();
                uploads.add(CompletableFuture.supplyAsync(() -> put(chunk.key().value(),
                        Gzip.compress(body, size, gzipLevel)), pool));
            });
            batch.deadLetterChunks().forEach(chunk -> {
                lines[1] += chunk.count();
                uploads.add(CompletableFuture.supplyAsync(() -> put(chunk.key().value(),
                        Gzip.compress(chunk.body(), gzipLevel)), pool));
            });
        }
        return CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            RuntimeException failure = null;
            long bytes = 0;
            for (CompletableFuture<Long> upload : uploads) {
                try {
                    bytes += upload.join();
                } catch (CompletionException e) {
                    failure = first(failure, e.getCause());
                }
            }
            if (failure != null) {
                throw failure;
            }
            return new FlushResult(uploads.size(), bytes, lines[0], lines[1], List.copyOf(bronzeKeys));
        });
    }

    /** Waits for a submitted flush; throws its failure as it was thrown (retriable or not). */
    static FlushResult await(CompletableFuture<FlushResult> flush) {
        try {
            return flush.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : PlaystreamException.retriable("a bronze write failed: " + e.getCause(), e.getCause());
        }
    }

    private long put(String key, byte[] compressed) {
        store.put(key, compressed);
        return compressed.length;
    }

    private static RuntimeException first(RuntimeException earlier, Throwable cause) {
        if (earlier != null) {
            earlier.addSuppressed(cause);
            return earlier;
        }
        return cause instanceof RuntimeException r ? r
                : PlaystreamException.retriable("a bronze write failed: " + cause, cause);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
