package io.playstream.app.cli;

import io.playstream.stream.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code playstream broker}: the embedded single-node Kafka alone, until SIGTERM. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka broker (KRaft) on 127.0.0.1 until stopped (SIGTERM or Ctrl-C).")
final class BrokerCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 9092;

    @Option(names = "--port", defaultValue = "" + DEFAULT_PORT,
            description = "Port for clients (0: a free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data-dir", defaultValue = "data/kafka",
            description = "Folder for the broker's logs and metadata; reused across restarts. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Override
    public Integer call() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(dataDir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-stop"));
        System.out.println("Kafka broker listening on " + broker.bootstrapServers() + " (data in " + dataDir + ")");
        broker.awaitShutdown();
        return 0;
    }
}
