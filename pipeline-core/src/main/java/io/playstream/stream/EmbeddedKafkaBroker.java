package io.playstream.stream;

import io.playstream.OptionalDependency;
import io.playstream.PlaystreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka node from Kafka's own server code (KRaft, broker and controller in one process): by
 * default a single node bound to 127.0.0.1, the embedded default of one-machine runs and the broker
 * of every Kafka test; or one node of a cluster ({@link KraftNode}), each in its own JVM, that
 * together hold a controller quorum and replicate every topic. Storage is formatted on first start
 * and reused afterwards, so topics and committed offsets survive a restart on the same folder.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private KafkaRaftServer server;
    private String bootstrapServers;

    /**
     * Formats {@code dataDir} if needed and starts the broker on {@code port} (0: a free port).
     * Returns when the broker accepts clients.
     */
    public EmbeddedKafkaBroker start(Path dataDir, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535 (0: a free port), was " + port);
        }
        return start(dataDir, KraftNode.single(NODE_ID, HOST, port, 0));
    }

    /**
     * Formats {@code dataDir} if needed and starts {@code node} (a single node's controller port may
     * be 0: a free port). Returns when the broker accepts clients, which in a cluster needs a
     * majority of the voters up: start them all, then wait.
     */
    public synchronized EmbeddedKafkaBroker start(Path dataDir, KraftNode node) {
        OptionalDependency.KAFKA_BROKER.require();
        if (server != null) {
            throw new IllegalStateException("broker already started at " + bootstrapServers);
        }
        long started = System.nanoTime();
        if (node.controller().port() == 0) { // a single node's controller: no one else needs its address
            node = KraftNode.single(node.nodeId(), node.host(), node.port(), freePort(node.host()));
        }
        int brokerPort = node.port() == 0 ? freePort(node.host()) : node.port();
        Properties props = properties(dataDir.toAbsolutePath(), node, brokerPort);
        format(dataDir.toAbsolutePath(), props, node.clusterId());
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        bootstrapServers = node.host() + ":" + brokerPort;
        LOG.info("Kafka broker(bootstrap={}, dataDir={}) started in {} ms", bootstrapServers, dataDir,
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** {@code 127.0.0.1:port}, for clients. */
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("broker not started");
        }
        return bootstrapServers;
    }

    /** Blocks until the broker has shut down (e.g. from a shutdown hook calling {@link #close()}). */
    public void awaitShutdown() {
        KafkaRaftServer running;
        synchronized (this) {
            running = server;
        }
        if (running != null) {
            running.awaitShutdown();
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Kafka broker(bootstrap={}) stopped", bootstrapServers);
        }
    }

    private static Properties properties(Path dataDir, KraftNode node, int brokerPort) {
        Properties p = new Properties();
        KraftNode.Voter controller = node.controller();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.nodeId()));
        p.put("controller.quorum.voters", node.votersText());
        p.put("listeners", "PLAINTEXT://" + node.host() + ":" + brokerPort + ",CONTROLLER://" + controller.host() + ":"
                + controller.port());
        p.put("advertised.listeners", "PLAINTEXT://" + node.host() + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        // as many replicas as the cluster allows up to three, of which two must acknowledge (one node: one and one)
        String replicas = Integer.toString(node.replicationFactor());
        String minIsr = Integer.toString(node.minInsyncReplicas());
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("num.partitions", "1");
        // a consumer group forms at once instead of waiting 3 s for more members
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path dataDir, Properties props, String clusterId) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "written by Playstream's embedded broker at each start");
            }
            if (Files.exists(dataDir.resolve("metadata").resolve("meta.properties"))) {
                return; // formatted by an earlier start: keep its cluster id, topics and offsets
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int status = StorageTool.execute(new String[] {"format", "--cluster-id",
                clusterId, "--config", config.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw PlaystreamException.permanent("cannot format Kafka storage in " + dataDir + ": "
                        + output.toString(StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + dataDir, e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
