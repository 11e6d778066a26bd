package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.app.run.DbtProjects;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.EmbeddedKafkaBroker;
import io.playstream.stream.KafkaSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One benchmark run: every stage in pipeline order on embedded defaults (an in-process Kafka broker,
 * a local folder, DuckDB files; PostgreSQL only when asked), each after a warm-up and against its
 * reference on the same data, in a temporary folder deleted afterwards.
 */
public final class BenchRun {

    private final BenchSettings settings;
    private final PrintWriter out;

    public BenchRun(BenchSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public BenchReport run() {
        String startedAt = Instant.now().toString();
        Machine machine = Machine.current();
        Optional<ReferenceTools> tools = ReferenceTools.locate();
        out.printf("bench: %,d events a round, %d rounds, on %s%n", settings.events(), settings.rounds(), machine.describe());
        if (tools.isEmpty()) {
            out.println("Kafka's perf tools were not found beside the app: " + ReferenceTools.UNAVAILABLE);
        }
        Path work = createWorkDir();
        try {
            List<StageResult> stages = stages(work, tools);
            return new BenchReport(startedAt, settings.events(), settings.partitions(), settings.rounds(), machine, stages);
        } finally {
            delete(work);
        }
    }

    private List<StageResult> stages(Path work, Optional<ReferenceTools> tools) {
        int rounds = settings.rounds();
        long events = settings.events();
        List<StageResult> stages = new ArrayList<>();
        Path extraStore = work.resolve("extra-hour");
        BenchData.writeExtraHour(new FileSystemObjectStore(extraStore), events);
        if (settings.measures(BenchStage.ENCODE)) {
            stages.add(stage(() -> new EncodeStage(events).run(rounds)));
        }
        boolean needBronze = settings.measures(BenchStage.DUCKDB) || settings.measures(BenchStage.POSTGRES)
                || settings.measures(BenchStage.TRANSFORM);
        SinkStage sink = null;
        if (settings.measures(BenchStage.PRODUCE) || settings.measures(BenchStage.SINK) || needBronze) {
            try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(work.resolve("kafka"), 0)) {
                KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
                ProduceStage produce = new ProduceStage(kafka, events, settings.partitions(), work.resolve("payloads.ndjson"), tools);
                if (settings.measures(BenchStage.PRODUCE)) {
                    stages.add(stage(() -> produce.run(rounds)));
                } else {
                    produce.fill(); // the sink reads what the produce stage's first round wrote
                }
                sink = new SinkStage(kafka, ProduceStage.OURS_TOPIC + 1, events, work, tools);
                if (settings.measures(BenchStage.SINK)) {
                    SinkStage measured = sink;
                    stages.add(stage(() -> measured.run(rounds)));
                    stages.add(stage(() -> new SinkProcessStage(kafka, ProduceStage.OURS_TOPIC + 1, events, work, measured,
                            tools, settings.sinkReference()).run(rounds)));
                } else if (needBronze) {
                    sink.fill(); // the loads read what the sink stage's first round wrote
                }
            }
        }
        // the transform builds on the DuckDB stage's first database, so choosing it measures that load too
        DuckDbLoadStage duckdb = settings.measures(BenchStage.DUCKDB) || settings.measures(BenchStage.TRANSFORM)
                ? new DuckDbLoadStage(sink.store(1), extraStore, work) : null;
        if (duckdb != null) {
            stages.add(stage(() -> duckdb.run(rounds)));
        }
        if (settings.measures(BenchStage.POSTGRES)) {
            Path bronze = sink.store(1);
            stages.add(stage(() -> new PostgresLoadStage(settings.postgres(), bronze, extraStore, work).run(rounds)));
        }
        if (settings.measures(BenchStage.TRANSFORM)) {
            Path project = DbtProjects.locate(Path.of("").toAbsolutePath(), work);
            List<StageResult> transform = new ArrayList<>();
            stages.add(stage(() -> {
                transform.addAll(new TransformStage(project, duckdb.database(1), extraStore, work)
                        .run(rounds, work.resolve("warmup-loader.duckdb")));
                return transform.get(0);
            }));
            transform.stream().skip(1).forEach(result -> stages.add(stage(() -> result)));
        }
        if (settings.measures(BenchStage.API)) {
            // its own warehouse, written straight to bronze: it needs no other stage
            Path project = DbtProjects.locate(Path.of("").toAbsolutePath(), work);
            stages.addAll(new ApiStage(project, events, work.resolve("api")).run(rounds, out));
        }
        if (settings.measures(BenchStage.FRESHNESS)) {
            FreshnessStage freshness = new FreshnessStage(settings.freshness(), work.resolve("freshness"));
            stages.addAll(freshness.run(rounds, out));
        }
        return stages;
    }

    /** Runs one stage and says so, since a large run takes minutes. */
    private StageResult stage(Supplier<StageResult> body) {
        long start = System.nanoTime();
        StageResult result = body.get();
        StageResult.Spread ratio = result.spread(r -> r.ratio() == null ? Double.NaN : r.ratio());
        out.printf(Locale.ROOT, "  %-24s done in %5.1f s, ratio %s%n", result.stage(), BenchData.seconds(start),
                ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio.median()));
        out.flush();
        return result;
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("playstream-bench-");
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot create a temporary folder for the benchmark: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no reason to lose the results
        }
    }
}
