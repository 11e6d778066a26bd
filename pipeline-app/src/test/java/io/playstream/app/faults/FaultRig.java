package io.playstream.app.faults;

import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.Topics;
import io.playstream.testing.ScratchPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Everything the fault-injection suite runs, each piece as users run it: the Kafka broker as a child
 * JVM ({@code playstream broker}, restartable on its port and data folder), the app as a child JVM
 * ({@code playstream run}: sink, recurring load and transform, API) on a local-folder store behind
 * a {@link FolderOutage} and a scratch PostgreSQL warehouse, JobRunr on its embedded store, and the
 * test's {@link PacedProducer} sending a seeded simulator stream with late events and duplicate sends.
 */
final class FaultRig implements AutoCloseable {

    static final String TOPIC = "fault-events";
    static final int PARTITIONS = 3;
    /** The recurring load fires every 10 s on the second (JobRunr's 6-field cron). */
    static final String LOAD_SCHEDULE = "*/10 * * * * *";
    static final int LOAD_EVERY_SECONDS = 10;
    /** The app runs in a heap this size, so a leak or an unbounded buffer shows as an OutOfMemoryError. */
    static final String APP_HEAP = "-Xmx384m";
    private static final Pattern BROKER_READY = Pattern.compile("Kafka broker listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Instant UNTIL = Instant.parse("2025-12-10T00:00:00Z");

    final Path dir;
    final ScratchPostgres warehouse;
    final ChildJvm broker;
    final AppChild app;
    final FolderOutage store;
    final WarehouseProbe probe;
    final PacedProducer producer;
    final FaultFigures figures = new FaultFigures();
    private final String bootstrap;
    private final AtomicLong maxResidentKib = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    private FaultRig(Path dir, long seed, double eventsPerSecond) throws IOException {
        this.dir = dir;
        Path logs = Files.createDirectories(dir.resolve("logs"));
        warehouse = ScratchPostgres.create("playstream_faults");
        // the same port and data folder at every restart: clients and committed offsets carry on
        int port = RestartablePorts.next();
        broker = new ChildJvm("broker", List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of("broker", "--port",
                Integer.toString(port), "--data-dir", dir.resolve("kafka").toString()), Map.of(), logs);
        broker.start(BROKER_READY, Duration.ofMinutes(2));
        bootstrap = "127.0.0.1:" + port;
        Topics.ensure(KafkaSettings.of(bootstrap), TOPIC, PARTITIONS);
        store = new FolderOutage(dir.resolve("lake"), dir.resolve("lake-folder"));
        probe = new WarehouseProbe(warehouse.url());
        app = new AppChild(new ChildJvm("app", List.of(APP_HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of("run", "--config", writeConfig().toString()),
                Map.of(), logs));
        figures.note("seed=%d rate=%.0f events/s broker=%s warehouse=%s data=%s", seed, eventsPerSecond, bootstrap,
                warehouse.url(), dir);
        figures.note("app started in %s", FaultFigures.seconds(app.start()));
        sampler.scheduleAtFixedRate(() -> app.jvm().residentKib().ifPresent(kib -> maxResidentKib.accumulateAndGet(kib, Math::max)),
                0, 250, TimeUnit.MILLISECONDS);
        SimulatorConfig stream = SimulatorConfig.builder().seed(seed).events(10_000_000L)
                .duplicateShare(0.02).lateShare(0.03)
                .timeRange(UNTIL.minus(Duration.ofDays(14)), UNTIL).build();
        producer = new PacedProducer(bootstrap, TOPIC, ListenerSimulator.create(stream).iterator(), eventsPerSecond).start();
    }

    static FaultRig start(Path dir, long seed, double eventsPerSecond) throws IOException {
        return new FaultRig(dir, seed, eventsPerSecond);
    }

    private Path writeConfig() throws IOException {
        String yaml = String.join("\n",
                "data-dir: " + dir.resolve("app"),
                "kafka:",
                "  bootstrap-servers: " + bootstrap,
                "  topic: " + TOPIC,
                "  partitions: " + PARTITIONS,
                "store: file:" + dir.resolve("lake"),
                "warehouse: \"" + warehouse.url() + "\"",
                "http:",
                "  port: 0",
                "jobs:",
                "  port: 0", // JobRunr's dashboard API shows the jobs a killed incarnation left PROCESSING
                "  retries: 8",
                "pipeline:",
                "  mode: continuous",
                "schedule:",
                "  load: \"" + LOAD_SCHEDULE + "\"",
                "sink:",
                "  flush-records: 4000",
                "  flush-age: PT2S",
                "");
        return Files.writeString(dir.resolve("playstream.yaml"), yaml);
    }

    /** The most memory the app's processes held at once (VmRSS, sampled every 250 ms), in KiB. */
    long maxResidentKib() {
        return maxResidentKib.get();
    }

    /** The H2 file of JobRunr's embedded store, to read once the app has stopped. */
    String jobStoreUrl() {
        return "jdbc:h2:file:" + dir.resolve("app").resolve("jobrunr").resolve("jobs").toAbsolutePath();
    }

    @Override
    public void close() throws Exception {
        sampler.shutdownNow();
        try (warehouse; probe; broker; producer) {
            app.jvm().close();
        }
    }
}
