package io.playstream.stream;

import io.playstream.partition.Compression;
import io.playstream.partition.TopicNames;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link BronzeSink} consumes and flushes. A flush happens when the buffer holds
 * {@code flushRecords} records or {@code flushBytes} bytes, or when its oldest record is
 * {@code flushMaxAge} old, so data never waits for more. Immutable; the {@code with*} methods copy.
 *
 * @param topic            the topic to read
 * @param groupId          the consumer group: instances with the same group share the partitions
 * @param compression      bronze file compression (only gzip for now)
 * @param gzipLevel        1 (fastest) to 9 (smallest)
 * @param flushRecords     records per flush at most
 * @param flushBytes       buffered message bytes that trigger a flush
 * @param flushMaxAge      the longest a record waits in the buffer
 * @param maxBufferedBytes partitions are paused past this (e.g. while the store is down)
 * @param writerThreads    files compressed and uploaded at once during a flush
 * @param retryBackoff     first wait after a failed flush; doubles up to {@code maxRetryBackoff}
 * @param maxRetryBackoff  longest wait between flush attempts
 * @param membership       dynamic or static group membership (how fast a restarted member reads again)
 */
public record SinkConfig(String topic, String groupId, Compression compression, int gzipLevel, int flushRecords,
        long flushBytes, Duration flushMaxAge, long maxBufferedBytes, int writerThreads, Duration retryBackoff,
        Duration maxRetryBackoff, GroupMembership membership) {

    public static final String DEFAULT_GROUP = "playstream-bronze-sink";
    /**
     * Level 1: on 2 cores it deflates ~2.7x faster than level 6 for files ~19% larger
     * (stream benchmark, now `playstream bench`: 17.9 MB against 15.1 MB for 200k events); the sink's cost is mostly gzip.
     */
    public static final int DEFAULT_GZIP_LEVEL = 1;
    public static final int DEFAULT_FLUSH_RECORDS = 200_000;
    public static final long DEFAULT_FLUSH_BYTES = 64L << 20;
    public static final Duration DEFAULT_FLUSH_MAX_AGE = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 128L << 20;
    public static final int DEFAULT_WRITER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(30);

    public SinkConfig {
        TopicNames.requireValid(topic);
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("group.id must not be blank");
        }
        if (compression != Compression.GZIP) {
            throw new IllegalArgumentException("compression must be gzip (zstd is not supported by the sink yet), was "
                    + compression);
        }
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new IllegalArgumentException("gzip.level must be 1-9, was " + gzipLevel);
        }
        requirePositive("flush.records", flushRecords);
        requirePositive("flush.bytes", flushBytes);
        requirePositive("flush.max.age", Objects.requireNonNull(flushMaxAge, "flush.max.age").toMillis());
        if (maxBufferedBytes < flushBytes) {
            throw new IllegalArgumentException("max.buffered.bytes must be >= flush.bytes (" + flushBytes + "), was "
                    + maxBufferedBytes);
        }
        requirePositive("writer.threads", writerThreads);
        requirePositive("retry.backoff", Objects.requireNonNull(retryBackoff, "retry.backoff").toMillis());
        if (Objects.requireNonNull(maxRetryBackoff, "max.retry.backoff").compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("max.retry.backoff must be >= retry.backoff, was " + maxRetryBackoff);
        }
        Objects.requireNonNull(membership, "membership");
    }

    public static SinkConfig defaults(String topic) {
        return new SinkConfig(topic, DEFAULT_GROUP, Compression.GZIP, DEFAULT_GZIP_LEVEL, DEFAULT_FLUSH_RECORDS,
                DEFAULT_FLUSH_BYTES, DEFAULT_FLUSH_MAX_AGE, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_WRITER_THREADS,
                DEFAULT_RETRY_BACKOFF, DEFAULT_MAX_RETRY_BACKOFF, GroupMembership.dynamic());
    }

    public SinkConfig withGroupId(String newGroupId) {
        return new SinkConfig(topic, newGroupId, compression, gzipLevel, flushRecords, flushBytes, flushMaxAge,
                maxBufferedBytes, writerThreads, retryBackoff, maxRetryBackoff, membership);
    }

    public SinkConfig withGzipLevel(int level) {
        return new SinkConfig(topic, groupId, compression, level, flushRecords, flushBytes, flushMaxAge,
                maxBufferedBytes, writerThreads, retryBackoff, maxRetryBackoff, membership);
    }

    /** A copy with other flush triggers; the buffer limit grows to at least twice {@code bytes}. */
    public SinkConfig withFlush(int records, long bytes, Duration maxAge) {
        return new SinkConfig(topic, groupId, compression, gzipLevel, records, bytes, maxAge,
                Math.max(maxBufferedBytes, 2 * bytes), writerThreads, retryBackoff, maxRetryBackoff, membership);
    }

    public SinkConfig withFlushMaxAge(Duration maxAge) {
        return new SinkConfig(topic, groupId, compression, gzipLevel, flushRecords, flushBytes, maxAge,
                maxBufferedBytes, writerThreads, retryBackoff, maxRetryBackoff, membership);
    }

    public SinkConfig withMaxBufferedBytes(long bytes) {
        return new SinkConfig(topic, groupId, compression, gzipLevel, flushRecords, flushBytes, flushMaxAge,
                bytes, writerThreads, retryBackoff, maxRetryBackoff, membership);
    }

    public SinkConfig withWriterThreads(int threads) {
        return new SinkConfig(topic, groupId, compression, gzipLevel, flushRecords, flushBytes, flushMaxAge,
                maxBufferedBytes, threads, retryBackoff, maxRetryBackoff, membership);
    }

    public SinkConfig withRetryBackoff(Duration first, Duration max) {
        return new SinkConfig(topic, groupId, compression, gzipLevel, flushRecords, flushBytes, flushMaxAge,
                maxBufferedBytes, writerThreads, first, max, membership);
    }

    /** A copy with another group membership, e.g. static for a member a supervisor restarts. */
    public SinkConfig withMembership(GroupMembership newMembership) {
        return new SinkConfig(topic, groupId, compression, gzipLevel, flushRecords, flushBytes, flushMaxAge,
                maxBufferedBytes, writerThreads, retryBackoff, maxRetryBackoff, newMembership);
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }
}
