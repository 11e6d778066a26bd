package io.playstream.app.cli;

import io.playstream.app.bench.BenchJson;
import io.playstream.app.bench.BenchReport;
import io.playstream.app.bench.BenchRun;
import io.playstream.app.bench.BenchSettings;
import io.playstream.app.bench.BenchStage;
import io.playstream.app.bench.FreshnessSettings;
import io.playstream.app.bench.BenchTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code playstream bench}: every stage against its reference in one run, on embedded defaults.
 * Figures are ratios against a reference measured in the same run on the same data, since the
 * machines are shared and noisy; the JSON keeps every round so runs compare over time.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark every stage against its reference (Jackson, Kafka's perf tools, read_json, COPY).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Events per round (default: ${DEFAULT-VALUE}).")
    long events = BenchSettings.DEFAULT_EVENTS;

    @Option(names = "--partitions", paramLabel = "P", description = "Kafka partitions (default: ${DEFAULT-VALUE}).")
    int partitions = BenchSettings.DEFAULT_PARTITIONS;

    @Option(names = "--rounds", paramLabel = "R", description = "Measured rounds per stage, after a warm-up (default: ${DEFAULT-VALUE}).")
    int rounds = BenchSettings.DEFAULT_ROUNDS;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every figure as JSON to FILE.")
    Path out;

    @Option(names = "--postgres", paramLabel = "JDBC_URL",
            description = "Also measure loads to PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/?user=postgres (a database is created and dropped).")
    String postgres;

    @Option(names = "--stages", paramLabel = "STAGE", split = ",",
            description = "Only these stages, comma-separated: encode, produce, sink, duckdb, postgres, transform, freshness, api "
                    + "(default: all but api, which builds a warehouse of --events events of its own and measures the gold "
                    + "API's p50/p95 per endpoint; a stage's inputs still run, unmeasured).")
    List<String> stages;

    @Option(names = "--freshness-mode", paramLabel = "MODE",
            description = "The freshness stage's pipeline.mode, continuous or scheduled (default: ${DEFAULT-VALUE}).")
    String freshnessMode = FreshnessSettings.DEFAULT_MODE;

    @Option(names = "--freshness-rates", paramLabel = "EVENTS_PER_S", split = ",",
            description = "Simulated events a second, one freshness run each, e.g. 1000,5000,20000 (default: 5000).")
    List<Integer> freshnessRates = FreshnessSettings.DEFAULT_RATES;

    @Option(names = "--freshness-schedule", paramLabel = "DURATION",
            description = "The freshness stage's recurring load in scheduled mode (default: ${DEFAULT-VALUE}).")
    Duration freshnessSchedule = FreshnessSettings.DEFAULT_SCHEDULE;

    @Option(names = "--freshness-flush-age", paramLabel = "DURATION",
            description = "The freshness stage's sink flush age (default: ${DEFAULT-VALUE}).")
    Duration freshnessFlushAge = FreshnessSettings.DEFAULT_FLUSH_AGE;

    @Option(names = "--freshness-window", paramLabel = "DURATION",
            description = "How long each freshness round stamps events; longer gives steadier percentiles (default: ${DEFAULT-VALUE}).")
    Duration freshnessWindow = FreshnessSettings.DEFAULT_WINDOW;

    @Option(names = "--sink-reference", paramLabel = "COMMAND",
            description = "The sink process stage's reference instead of ConsumerPerformance: a command that drains a topic"
                    + " and commits its group's offsets once stored, run and timed like `playstream sink`, with {bootstrap},"
                    + " {topic}, {group} and {store} replaced, e.g. Flink's FileSink (bench/flink/README.md).")
    String sinkReference;

    @Override
    public Integer call() {
        Set<BenchStage> chosen = stages == null ? BenchStage.all()
                : stages.stream().map(BenchStage::of).collect(Collectors.toCollection(() -> EnumSet.noneOf(BenchStage.class)));
        BenchSettings settings = new BenchSettings(events, partitions, rounds, out, postgres, chosen,
                FreshnessSettings.defaults().with(freshnessMode, freshnessSchedule, freshnessFlushAge, freshnessWindow,
                        freshnessRates), sinkReference);
        PrintWriter writer = spec.commandLine().getOut();
        BenchReport report = new BenchRun(settings, writer).run();
        BenchTable.print(report, writer);
        if (out != null) {
            BenchJson.write(report, out);
            writer.printf("%nresults: %s%n", out.toAbsolutePath());
        }
        writer.flush();
        return 0;
    }
}
