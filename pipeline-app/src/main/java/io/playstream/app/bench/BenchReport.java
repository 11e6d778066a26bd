package io.playstream.app.bench;

import java.util.List;

/** Everything one {@code bench} run measured: what it was asked, where it ran, and every stage's rounds. */
public record BenchReport(String startedAt, long events, int partitions, int rounds, Machine machine,
        List<StageResult> stages) {

    public BenchReport {
        stages = List.copyOf(stages);
    }
}
