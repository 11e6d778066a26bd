package io.playstream.stream;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores every file of a flush: compresses and uploads the chunks on a few threads at once (gzip
 * is the sink's main cost, and S3 uploads wait on the network), and fails as a whole if any file
 * fails, so the caller commits only when all are stored.
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

    /** Writes every chunk of {@code buffer}; throws (retriable or not) when any write failed. */
    FlushResult write(FlushBuffer buffer) {
        List<Future<Long>> uploads = new ArrayList<>();
        long[] lines = new long[2];
        for (PartitionBatch batch : buffer.batches()) {
            batch.bronzeChunks().forEach(chunk -> {
                lines[0] += chunk.count();
                uploads.add(pool.submit(() -> put(chunk.key().value(), chunk.body())));
            });
            batch.deadLetterChunks().forEach(chunk -> {
                lines[1] += chunk.count();
                uploads.add(pool.submit(() -> put(chunk.key().value(), chunk.body())));
            });
        }
        long bytes = 0;
        RuntimeException failure = null;
        for (Future<Long> upload : uploads) {
            try {
                bytes += upload.get();
            } catch (ExecutionException e) {
                failure = first(failure, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = first(failure, PlaystreamException.retriable("interrupted while writing a flush", e));
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new FlushResult(uploads.size(), bytes, lines[0], lines[1]);
    }

    private long put(String key, byte[] body) {
        byte[] compressed = Gzip.compress(body, gzipLevel);
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
