package io.playstream.app.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one benchmark run measures.
 *
 * @param events     events per round of every stage
 * @param partitions Kafka partitions of the benchmark topics
 * @param rounds     measured rounds per stage, after one warm-up
 * @param out        where the JSON results go, or null
 * @param postgres   a PostgreSQL server URL ({@code jdbc:postgresql://host:port/?user=...}), or null to skip that stage
 * @param stages     the stages to measure (others only run, unmeasured, when a chosen one needs their output)
 * @param freshness  how the freshness stage runs {@code run} mode
 * @param sinkReference a command draining a topic like {@code playstream sink} (e.g. Flink's FileSink, see
 *                   bench/flink/), with {@code {bootstrap} {topic} {group} {store}} in its arguments, or null to
 *                   compare the sink process with ConsumerPerformance
 */
public record BenchSettings(long events, int partitions, int rounds, Path out, String postgres, Set<BenchStage> stages,
        FreshnessSettings freshness, String sinkReference) {

    public static final long DEFAULT_EVENTS = 1_000_000;
    public static final int DEFAULT_PARTITIONS = 6;
    public static final int DEFAULT_ROUNDS = 3;

    public BenchSettings {
        if (events < 1_000 || events > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--events must be between 1000 and " + Integer.MAX_VALUE + ", was " + events);
        }
        if (partitions < 1 || partitions > 1_000) {
            throw new IllegalArgumentException("--partitions must be between 1 and 1000, was " + partitions);
        }
        if (rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("--rounds must be between 1 and 100, was " + rounds);
        }
        if (postgres != null && !postgres.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--postgres must be a jdbc:postgresql://host:port/ URL, was " + postgres);
        }
        if (Objects.requireNonNull(stages, "stages").isEmpty()) {
            throw new IllegalArgumentException("--stages must name at least one stage");
        }
        stages = Set.copyOf(EnumSet.copyOf(stages));
        Objects.requireNonNull(freshness, "freshness");
        if (sinkReference != null && !sinkReference.contains("{bootstrap}")) {
            throw new IllegalArgumentException("--sink-reference must take {bootstrap}, {topic}, {group} and {store}, was "
                    + sinkReference);
        }
    }

    public BenchSettings(long events, int partitions, int rounds, Path out, String postgres, Set<BenchStage> stages,
            FreshnessSettings freshness) {
        this(events, partitions, rounds, out, postgres, stages, freshness, null);
    }

    boolean measures(BenchStage stage) {
        return stages.contains(stage) && (stage != BenchStage.POSTGRES || postgres != null);
    }
}
