package io.playstream.app.cli;

import io.playstream.stream.EmbeddedKafkaBroker;
import io.playstream.stream.KraftNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playstream broker}: one Kafka node (KRaft, broker and controller in one process) until
 * SIGTERM; alone by default, or one node of a cluster when given the controller quorum.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a Kafka node (KRaft, broker and controller in one JVM) until stopped (SIGTERM or Ctrl-C):"
                + " a single-node broker on 127.0.0.1 by default, or one node of a cluster with --node-id and"
                + " --controller-quorum-voters (start every node with the same voters; three nodes replicate each topic"
                + " three times, two replicas must acknowledge a write)."})
final class BrokerCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 9092;

    @Option(names = "--port", defaultValue = "" + DEFAULT_PORT,
            description = "Port for clients (0: a free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data-dir", defaultValue = "data/kafka",
            description = "Folder for the node's logs and metadata; reused across restarts, one per node. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--node-id", defaultValue = "1", description = "This node's node.id, one of the voters. Default: ${DEFAULT-VALUE}.")
    int nodeId;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address the broker binds and advertises to clients. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--controller-quorum-voters", paramLabel = "ID@HOST:PORT[,...]",
            description = "The controller quorum, the same on every node, e.g. 1@127.0.0.1:19091,2@127.0.0.1:19092,"
                    + "3@127.0.0.1:19093; this node's entry is its controller address. Default: this node alone on a free port.")
    String voters;

    @Override
    public Integer call() {
        KraftNode node;
        try {
            node = voters == null ? KraftNode.single(nodeId, host, port, 0)
                    : new KraftNode(nodeId, host, port, KraftNode.parseVoters(voters));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("controller.quorum.voters", "--controller-quorum-voters")
                    .replace("node.id", "--node-id"), e);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(dataDir, node);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-stop"));
        System.out.println("Kafka broker listening on " + broker.bootstrapServers() + " (node " + nodeId + " of "
                + node.voters().size() + ", data in " + dataDir + ")");
        broker.awaitShutdown();
        return 0;
    }
}
