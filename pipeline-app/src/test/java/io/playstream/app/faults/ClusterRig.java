package io.playstream.app.faults;

import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.partition.BronzeKey;
import io.playstream.testing.ScratchPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fault suite's second rig, a deployment beyond one machine on one machine: a three-node KRaft
 * cluster ({@link KafkaCluster}), two {@code playstream run} instances in continuous mode (each with
 * its sink, so two static members of one group) sharing JobRunr on a PostgreSQL database, S3Proxy in
 * a JVM of its own ({@link S3ProxyChild}) whose folder sits on a small tmpfs when the machine lets the
 * test mount one ({@link Tmpfs}), a PostgreSQL server of the test's own as the warehouse
 * ({@link OwnPostgres}), and the test's {@link PacedProducer} sending a seeded stream.
 */
final class ClusterRig implements AutoCloseable {

    static final String TOPIC = "cluster-fault-events";
    static final int PARTITIONS = 4;
    static final int APPS = 2;
    static final String BUCKET = "lake";
    private static final String WAREHOUSE_DATABASE = "warehouse";
    private static final Instant UNTIL = Instant.parse("2025-12-10T00:00:00Z");

    final Path dir;
    final Path logs;
    final FaultFigures figures = new FaultFigures();
    final KafkaCluster cluster;
    final OwnPostgres warehouse;
    final ScratchPostgres jobStore;
    /** The S3 server's disk, when the test could mount one; why not otherwise. */
    final Optional<Tmpfs> disk;
    final String noDisk;
    final S3ProxyChild s3;
    /** The network namespace the last app runs in, when the machine lets the test make one; why not otherwise. */
    final Optional<NetworkNamespace> namespace;
    final String noNamespace;
    final List<AppChild> apps = new ArrayList<>();
    final PacedProducer producer;
    private final List<AutoCloseable> opened = new ArrayList<>();
    /**
     * Closes what the rig opened when the test's JVM is stopped before the rig is closed (a build
     * interrupted, failsafe's fork timed out): child JVMs, the PostgreSQL server, the tmpfs and the
     * namespace would outlive it otherwise. A JVM killed with SIGKILL runs no hook: see RELIABILITY.md.
     */
    private final Thread cleanupOnExit = new Thread(this::closeOpened, "cluster-rig-cleanup");
    private WarehouseProbe probe;

    private ClusterRig(Path dir, Path postgresBinaries, long seed, double eventsPerSecond, int diskMegabytes) throws IOException {
        this.dir = dir;
        this.logs = Files.createDirectories(dir.resolve("logs"));
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        try {
            StringBuilder noNet = new StringBuilder();
            namespace = NetworkNamespace.create((int) (ProcessHandle.current().pid() % 200), noNet);
            namespace.ifPresent(this::opened);
            noNamespace = noNet.toString();
            // the brokers listen where the namespace reaches them and can be cut off from; the host reaches that address too
            cluster = opened(KafkaCluster.start(dir, logs, namespace.map(NetworkNamespace::isolatableAddress).orElse("127.0.0.1")));
            cluster.ensureTopic(TOPIC, PARTITIONS);
            warehouse = opened(OwnPostgres.start(postgresBinaries, WAREHOUSE_DATABASE));
            jobStore = opened(ScratchPostgres.create("faults_cluster_jobs"));
            StringBuilder why = new StringBuilder();
            disk = Tmpfs.mount(dir.resolve("s3-data"), diskMegabytes, why);
            disk.ifPresent(this::opened);
            noDisk = why.toString();
            s3 = opened(new S3ProxyChild(dir.resolve("s3-data"), BUCKET, logs));
            probe = new WarehouseProbe(warehouse.url(WAREHOUSE_DATABASE));
            figures.note("seed=%d rate=%.0f events/s brokers=%s warehouse=%s jobs=%s store=%s disk=%s data=%s", seed,
                    eventsPerSecond, cluster.bootstrap(), warehouse.url(WAREHOUSE_DATABASE), jobStore.url(), s3.storeUri(),
                    disk.map(d -> "tmpfs " + diskMegabytes + " MiB").orElse("no tmpfs (" + noDisk + ")"), dir);
            figures.note("network namespace: %s", namespace.map(ns -> "app-" + APPS + " runs in one, the brokers listen on "
                    + ns.isolatableAddress()).orElse("none (" + noNamespace + ")"));
            for (int n = 1; n <= APPS; n++) {
                Optional<NetworkNamespace> inside = n == APPS ? namespace : Optional.empty();
                ChildJvm jvm = new ChildJvm("app-" + n, List.of(FaultRig.APP_HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                        List.of("run", "--config", writeConfig(n, inside).toString()), s3.environment(), logs);
                inside.ifPresent(ns -> jvm.runBehind(ns.commandPrefix()));
                AppChild app = new AppChild(opened(jvm));
                apps.add(app);
                figures.note("app-%d started in %s", n, FaultFigures.seconds(app.start()));
            }
            SimulatorConfig stream = SimulatorConfig.builder().seed(seed).events(100_000_000L)
                    .duplicateShare(0.02).lateShare(0.03)
                    .timeRange(UNTIL.minus(Duration.ofDays(14)), UNTIL).build();
            producer = opened(new PacedProducer(cluster.bootstrap(), TOPIC, ListenerSimulator.create(stream).iterator(),
                    eventsPerSecond).start());
        } catch (RuntimeException | Error | IOException e) {
            close();
            throw e;
        }
    }

    static ClusterRig start(Path dir, Path postgresBinaries, long seed, double eventsPerSecond, int diskMegabytes)
            throws IOException {
        return new ClusterRig(dir, postgresBinaries, seed, eventsPerSecond, diskMegabytes);
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.add(resource);
        return resource;
    }

    /**
     * The app's settings: the whole cluster, the S3 bucket, the warehouse (the session's
     * {@code application_name} names the instance, so a fault can tell whose load it sees), JobRunr
     * on the shared database, the sink's static member id, continuous mode with a catch-up load.
     */
    private Path writeConfig(int n, Optional<NetworkNamespace> inside) throws IOException {
        String warehouseUrl = warehouse.url(WAREHOUSE_DATABASE);
        String jobsUrl = jobStore.url();
        String storeUri = s3.storeUri();
        if (inside.isPresent()) {
            // the namespace has a loopback of its own: it reaches the host's loopback services through the veth
            String host = inside.get().hostAddress();
            warehouseUrl = reachable(warehouseUrl, warehouse.port(), host);
            jobsUrl = reachable(jobsUrl, 5432, host);
            storeUri = reachable(storeUri, s3.port(), host);
        }
        String yaml = String.join("\n",
                "data-dir: " + dir.resolve("app-" + n),
                "kafka:",
                "  bootstrap-servers: " + cluster.bootstrap(),
                "  topic: " + TOPIC,
                "  partitions: " + PARTITIONS,
                "store: \"" + storeUri + "\"",
                "warehouse: \"" + warehouseUrl + "&ApplicationName=app-" + n + "\"",
                "http:",
                "  port: 0",
                "jobs:",
                "  port: 0",
                "  retries: 8",
                "  storage: \"" + jobsUrl + "\"",
                "pipeline:",
                "  mode: continuous",
                "schedule:",
                "  load: \"" + FaultRig.LOAD_SCHEDULE + "\"",
                "sink:",
                "  flush-records: 4000",
                "  flush-age: PT2S",
                "  instance-id: app-" + n,
                "");
        return Files.writeString(dir.resolve("playstream-" + n + ".yaml"), yaml);
    }

    /** {@code url} with {@code 127.0.0.1:port} replaced by a forwarder on {@code host} to that port. */
    private String reachable(String url, int port, String host) {
        TcpForwarder forwarder = opened(new TcpForwarder(host, port));
        String loopback = "127.0.0.1:" + port;
        if (!url.contains(loopback)) {
            throw new IllegalStateException(url + " does not name " + loopback);
        }
        return url.replace(loopback, host + ":" + forwarder.port());
    }

    AppChild app(String applicationName) {
        return apps.get(Integer.parseInt(applicationName.substring("app-".length())) - 1);
    }

    /** The test's connection to the warehouse; a new one once the server has been killed and restarted. */
    synchronized WarehouseProbe probe() {
        return probe;
    }

    synchronized void reconnectProbe() throws SQLException {
        probe.close();
        probe = new WarehouseProbe(warehouse.url(WAREHOUSE_DATABASE));
    }

    /** Rows in warehouse bronze; 0 while the warehouse does not answer. */
    long bronzeRows() {
        try {
            return probe().bronzeRows();
        } catch (SQLException e) {
            return 0;
        }
    }

    /** The bronze objects in the bucket, read from S3Proxy's folder (keys, not contents: the fault needs no more). */
    Map<String, BronzeKey> bronzeObjects() {
        Path bucket = dir.resolve("s3-data").resolve(BUCKET);
        Map<String, BronzeKey> keys = new HashMap<>();
        try (Stream<Path> files = Files.walk(bucket)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String key = bucket.relativize(f).toString();
                BronzeKey.parse(key).ifPresent(k -> keys.put(key, k));
            });
        } catch (IOException | UncheckedIOException e) {
            // a file renamed while walking: the next look sees it
        }
        return keys;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
        closeOpened();
    }

    /** Closes everything opened, newest first; a second call finds nothing left to close. */
    private synchronized void closeOpened() {
        if (probe != null) {
            try {
                probe.close();
            } catch (SQLException e) {
                // the server is gone
            }
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                System.err.println("fault-injection: closing " + opened.get(i) + ": " + e);
            }
        }
        opened.clear();
    }
}
