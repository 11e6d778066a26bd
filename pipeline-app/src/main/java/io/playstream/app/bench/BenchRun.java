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
        stages.add(stage(() -> new EncodeStage(events).run(rounds)));
        SinkStage sink;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(work.resolve("kafka"), 0)) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            stages.add(stage(() -> new ProduceStage(kafka, events, settings.partitions(), work.resolve("payloads.ndjson"),
                    tools).run(rounds)));
            sink = new SinkStage(kafka, ProduceStage.OURS_TOPIC + 1, events, work, tools);
            stages.add(stage(() -> sink.run(rounds)));
        }
        DuckDbLoadStage duckdb = new DuckDbLoadStage(sink.store(1), extraStore, work);
        stages.add(stage(() -> duckdb.run(rounds)));
        if (settings.postgres() != null) {
            stages.add(stage(() -> new PostgresLoadStage(settings.postgres(), sink.store(1), extraStore, work).run(rounds)));
        }
        Path project = DbtProjects.locate(Path.of("").toAbsolutePath(), work);
        stages.add(stage(() -> new TransformStage(project, duckdb.database(1), extraStore, work)
                .run(rounds, work.resolve("warmup-loader.duckdb"))));
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
