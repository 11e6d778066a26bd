package io.playstream.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;

/**
 * One node of a KRaft cluster, broker and controller in one process, as {@link EmbeddedKafkaBroker}
 * runs it: its id, the address clients use, and the controller quorum it votes in (Kafka's
 * {@code controller.quorum.voters}, {@code id@host:port,...}; its own entry gives its controller
 * address). Every node of a cluster is started with the same voters.
 *
 * @param nodeId the {@code node.id}, one of the voters
 * @param host   the address the broker binds and advertises to clients
 * @param port   the clients' port (0: a free port)
 * @param voters the controller quorum, this node included
 */
public record KraftNode(int nodeId, String host, int port, List<Voter> voters) {

    /** An entry of {@code controller.quorum.voters}. */
    public record Voter(int nodeId, String host, int port) {

        @Override
        public String toString() {
            return nodeId + "@" + host + ":" + port;
        }
    }

    private static final Pattern VOTER = Pattern.compile("(\\d+)@([^\\s,@:]+):(\\d{1,5})");

    public KraftNode {
        voters = List.copyOf(voters);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535 (0: a free port), was " + port);
        }
        if (voters.stream().noneMatch(v -> v.nodeId() == nodeId)) {
            throw new IllegalArgumentException("node.id " + nodeId + " is not among controller.quorum.voters " + votersText(voters));
        }
        if (voters.size() > 1 && voters.stream().anyMatch(v -> v.port() == 0)) {
            throw new IllegalArgumentException("controller.quorum.voters of a cluster need fixed ports, was " + votersText(voters));
        }
        if (voters.stream().map(Voter::nodeId).distinct().count() != voters.size()) {
            throw new IllegalArgumentException("controller.quorum.voters names a node twice: " + votersText(voters));
        }
    }

    /** A cluster of one: this node alone votes, on {@code controllerPort}. */
    public static KraftNode single(int nodeId, String host, int port, int controllerPort) {
        return new KraftNode(nodeId, host, port, List.of(new Voter(nodeId, host, controllerPort)));
    }

    /** Parses {@code controller.quorum.voters}: {@code 1@127.0.0.1:9093,2@127.0.0.1:9095,...}. */
    public static List<Voter> parseVoters(String text) {
        List<Voter> voters = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            Matcher m = VOTER.matcher(entry.trim());
            if (!m.matches() || Integer.parseInt(m.group(3)) > 65_535) {
                throw new IllegalArgumentException("controller.quorum.voters must be id@host:port[,id@host:port...], was '" + text + "'");
            }
            voters.add(new Voter(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
        }
        return voters;
    }

    public Voter controller() {
        return voters.stream().filter(v -> v.nodeId() == nodeId).findFirst().orElseThrow();
    }

    /** Replicas of every topic and internal topic ({@link Topics#replicationFactor}). */
    public int replicationFactor() {
        return Topics.replicationFactor(voters.size());
    }

    public int minInsyncReplicas() {
        return Topics.minInsyncReplicas(replicationFactor());
    }

    public String votersText() {
        return votersText(voters);
    }

    /**
     * The cluster id, the same on every node without an extra setting: a name-based id of the
     * voters list, which every node is given alike. Like {@link Uuid#randomUuid()} it never starts
     * with '-', which the storage tool's command line would read as an option.
     */
    public String clusterId() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int attempt = 0; ; attempt++) {
                ByteBuffer bytes = ByteBuffer.wrap(sha.digest((votersText() + "#" + attempt).getBytes(StandardCharsets.UTF_8)));
                String id = new Uuid(bytes.getLong(), bytes.getLong()).toString();
                if (!id.startsWith("-")) {
                    return id;
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String votersText(List<Voter> voters) {
        return String.join(",", voters.stream().map(Voter::toString).toList());
    }
}
