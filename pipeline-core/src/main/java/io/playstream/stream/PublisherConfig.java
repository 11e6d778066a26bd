package io.playstream.stream;

import io.playstream.partition.TopicNames;
import java.util.Locale;
import java.util.Set;

/**
 * How {@link EventPublisher} sends. Defaults are tuned for throughput on a small machine: lz4 (the
 * cheapest codec per byte saved), 64 KiB batches and 10 ms linger, so a batch fills before it goes.
 *
 * @param topic       where events go
 * @param partitions  partitions of the topic when it has to be created (an existing topic is kept)
 * @param compression {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or {@code zstd}
 * @param lingerMs    how long a batch waits for more records
 * @param batchSize   bytes per partition batch
 */
public record PublisherConfig(String topic, int partitions, String compression, int lingerMs, int batchSize) {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final String DEFAULT_COMPRESSION = "lz4";
    public static final int DEFAULT_LINGER_MS = 10;
    public static final int DEFAULT_BATCH_SIZE = 64 * 1024;
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    public PublisherConfig {
        TopicNames.requireValid(topic);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        compression = compression.toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException("compression must be one of none, gzip, snappy, lz4, zstd, was '"
                    + compression + "'");
        }
        if (lingerMs < 0) {
            throw new IllegalArgumentException("linger.ms must be >= 0, was " + lingerMs);
        }
        if (batchSize < 1024) {
            throw new IllegalArgumentException("batch.size must be >= 1024 bytes, was " + batchSize);
        }
    }

    /** The defaults for one topic. */
    public static PublisherConfig defaults(String topic) {
        return new PublisherConfig(topic, DEFAULT_PARTITIONS, DEFAULT_COMPRESSION, DEFAULT_LINGER_MS, DEFAULT_BATCH_SIZE);
    }

    public PublisherConfig withPartitions(int newPartitions) {
        return new PublisherConfig(topic, newPartitions, compression, lingerMs, batchSize);
    }

    public PublisherConfig withCompression(String newCompression) {
        return new PublisherConfig(topic, partitions, newCompression, lingerMs, batchSize);
    }
}
