package io.playstream.app.demo;

import io.playstream.PlaystreamException;
import io.playstream.app.progress.Bar;
import io.playstream.app.progress.ConsoleProgress;
import io.playstream.app.progress.LoadProgress;
import io.playstream.app.progress.NodeProgress;
import io.playstream.app.progress.PublishProgress;
import io.playstream.app.run.DbtProjects;
import io.playstream.app.stream.SinkService;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectStore;
import io.playstream.stream.EmbeddedKafkaBroker;
import io.playstream.stream.EventPublisher;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.PublishSummary;
import io.playstream.stream.PublisherConfig;
import io.playstream.stream.SinkConfig;
import io.playstream.stream.SinkMetricsSnapshot;
import io.playstream.stream.Topics;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.transform.NodeResult;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.LoaderSettings;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's four stages on embedded parts: simulate and publish to Kafka, sink to bronze files,
 * load into DuckDB, transform with the dbt project; then it reads gold. Every stage is the real one
 * {@code run} uses, so what the demo shows is what production does.
 */
public final class DemoRun {

    /** The demo flushes bronze files sooner than the default, so the last events wait less. */
    static final Duration FLUSH_MAX_AGE = Duration.ofSeconds(2);
    /** The sink must make progress at least this often, or the demo gives up. */
    static final Duration SINK_STALL_LIMIT = Duration.ofSeconds(120);

    private final DemoSettings settings;
    private final PrintWriter out;
    private final ConsoleProgress progress;
    private final Map<String, String> environment;

    /** @param progress where the stages draw their bars (quiet off a terminal: then only the stage lines) */
    public DemoRun(DemoSettings settings, PrintWriter out, ConsoleProgress progress, Map<String, String> environment) {
        this.settings = settings;
        this.out = out;
        this.progress = progress;
        this.environment = Map.copyOf(environment);
    }

    /** Runs every stage; returns what gold says. */
    public GoldSummary run() {
        StageLog log = new StageLog(out, 4, progress.shown());
        ObjectStore store = new FileSystemObjectStore(settings.bucketDir());
        Instant now = Instant.now();
        PublishSummary published;
        long deadLetters;
        out.printf("Playstream demo: %,d events over %d days (%s .. %s), data in %s%n", settings.events(),
                settings.days(), settings.historyStart(now), settings.historyEnd(now), settings.dataDir());
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(settings.kafkaDir(), 0)) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            Topics.ensure(kafka, DemoSettings.TOPIC, settings.partitions());
            try (SinkService sink = SinkService.start(kafka,
                    SinkConfig.defaults(DemoSettings.TOPIC).withFlushMaxAge(FLUSH_MAX_AGE), store)) {
                published = publish(log, kafka, now);
                awaitSink(log, sink, published.sent());
                deadLetters = sink.metrics().deadLetters();
            }
        }
        try (Warehouse warehouse = Warehouses.open("duckdb:" + settings.warehouseFile(), environment)) {
            load(log, warehouse, store);
            transform(log, warehouse);
            return GoldSummary.read(warehouse, published.sent(), deadLetters);
        }
    }

    private PublishSummary publish(StageLog log, KafkaSettings kafka, Instant now) {
        log.start("publish");
        SimulatorConfig simulation = SimulatorConfig.builder()
                .seed(settings.seed())
                .events(settings.events())
                .timeRange(settings.historyStart(now), settings.historyEnd(now))
                .build();
        Iterator<ListeningEvent> events = ListenerSimulator.create(simulation).iterator();
        PublishSummary summary;
        try (PublishProgress bar = new PublishProgress(progress, "publish", settings.events());
                EventPublisher publisher = new EventPublisher(kafka,
                        PublisherConfig.defaults(DemoSettings.TOPIC).withPartitions(settings.partitions())).withListener(bar)) {
            summary = publisher.publish(events);
        }
        if (summary.hasFailures()) {
            throw PlaystreamException.retriable(summary.failed() + " events were not delivered to Kafka: "
                    + summary.firstError().orElse("unknown error"), null);
        }
        log.done("%,d events to Kafka (%,.0f/s)", summary.sent(), summary.recordsPerSecond());
        return summary;
    }

    /** Waits until the sink has committed every published message to bronze (or dead letters). */
    private void awaitSink(StageLog log, SinkService sink, long expected) {
        log.start("sink");
        SinkMetricsSnapshot metrics;
        try (Bar bar = progress.bar("sink", expected, " records")) {
            metrics = committedAll(sink, expected, bar);
        }
        log.done("%,d lines in %,d bronze files, %,d dead letters", metrics.bronzeLines(), metrics.files(),
                metrics.deadLetters());
    }

    private static SinkMetricsSnapshot committedAll(SinkService sink, long expected, Bar bar) {
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            SinkMetricsSnapshot metrics = sink.metrics();
            long committed = metrics.bronzeLines() + metrics.deadLetters();
            bar.stepTo(Math.min(committed, expected));
            if (committed >= expected) {
                return metrics;
            }
            if (committed != lastCount) {
                lastCount = committed;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > SINK_STALL_LIMIT.toNanos() || !sink.isRunning()) {
                throw PlaystreamException.retriable("the sink stopped making progress at " + committed + " of "
                        + expected + " messages; see the log above", null);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private void load(StageLog log, Warehouse warehouse, ObjectStore store) {
        log.start("load");
        LoadResult result;
        try (LoadProgress bar = new LoadProgress(progress, 1)) {
            result = new BronzeLoader(warehouse, store, LoaderSettings.DEFAULTS, bar).load(Optional.empty());
        }
        log.done("%,d objects, %,d rows into bronze.spotify_events (%,d rejected lines)", result.objects(),
                result.rows(), result.rejectedLines());
    }

    private void transform(StageLog log, Warehouse warehouse) {
        log.start("transform");
        Path project = DbtProjects.locate(Path.of("").toAbsolutePath(), settings.dataDir());
        StringBuilder runLog = new StringBuilder();
        RunSummary summary;
        try (NodeProgress bar = new NodeProgress(progress)) {
            summary = new TransformRunner(warehouse, line -> runLog.append(line).append('\n'), bar)
                    .run(TransformOptions.of(project).withEnv(environment).withTargetPath(settings.dbtTargetDir()));
        }
        if (!summary.succeeded()) {
            out.print(runLog);
            throw PlaystreamException.permanent("the dbt project failed: " + summary.results().stream()
                    .filter(NodeResult::failed).map(NodeResult::name).toList());
        }
        log.done("%d models and tests passed (dbt project %s)", summary.results().size(), project);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.retriable("interrupted while waiting for the sink", e);
        }
    }
}
