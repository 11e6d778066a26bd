package io.playstream.app.demo;

import io.playstream.partition.TopicNames;
import io.playstream.app.run.DbtProjects;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What one demo run does: how many events over how many days of simulated history, where the data
 * goes. The history ends at the current hour, so the gold tables look like last week's traffic.
 *
 * @param dataDir    where the broker, the bronze files and the DuckDB warehouse live
 * @param events     events to simulate (duplicate sends included)
 * @param days       days of history they spread over
 * @param seed       the simulator's seed: the same seed gives the same events
 * @param partitions Kafka partitions of the topic
 * @param until      end of the simulated history (exclusive), whole hours; null = the current hour
 */
public record DemoSettings(Path dataDir, long events, int days, long seed, int partitions, Instant until) {

    public static final long DEFAULT_EVENTS = 1_000_000;
    public static final int DEFAULT_DAYS = 3;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_PARTITIONS = 4;
    public static final String TOPIC = TopicNames.DEFAULT_TOPIC;

    public DemoSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1, was " + events);
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("--days must be 1 to 366, was " + days);
        }
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("--partitions must be 1 to 64, was " + partitions);
        }
    }

    /** End of the simulated history: {@code until}, or else the start of the current hour. */
    public Instant historyEnd(Instant now) {
        return (until != null ? until : now).truncatedTo(ChronoUnit.HOURS);
    }

    public Instant historyStart(Instant now) {
        return historyEnd(now).minus(Duration.ofDays(days));
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path bucketDir() {
        return dataDir.resolve("bucket");
    }

    public Path warehouseFile() {
        return dataDir.resolve("warehouse.duckdb");
    }

    /** Where the demo's transform writes run_results.json and manifest.json. */
    public Path dbtTargetDir() {
        return DbtProjects.targetDir(dataDir);
    }
}
