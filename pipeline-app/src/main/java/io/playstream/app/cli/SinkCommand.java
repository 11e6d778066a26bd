package io.playstream.app.cli;

import io.playstream.PlaystreamException;
import io.playstream.app.stream.SinkMemberId;
import io.playstream.objectstore.ObjectStore;
import io.playstream.objectstore.ObjectStores;
import io.playstream.partition.TopicNames;
import io.playstream.stream.BronzeSink;
import io.playstream.stream.GroupMembership;
import io.playstream.stream.KafkaNotices;
import io.playstream.stream.NoticeSink;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.SinkConfig;
import io.playstream.stream.SinkMetricsSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code playstream sink}: Kafka to bronze files, until SIGTERM (then it flushes, commits and leaves its group). */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Consumes events from Kafka and writes them as bronze files (gzip JSON lines) to an object store.")
final class SinkCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, HOST:PORT[,HOST:PORT].")
    String bootstrap;

    @Option(names = "--topic", defaultValue = TopicNames.DEFAULT_TOPIC, description = "Topic to read. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--group", defaultValue = SinkConfig.DEFAULT_GROUP,
            description = "Consumer group; instances in one group share the partitions. Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(names = "--store", required = true, paramLabel = "URI",
            description = "Where bronze files go (a missing folder or, with create-bucket=true, bucket is created): "
                    + ObjectStores.FORMS)
    String store;

    @Option(names = "--gzip-level", defaultValue = "" + SinkConfig.DEFAULT_GZIP_LEVEL,
            description = "1 (fastest) to 9 (smallest). Default: ${DEFAULT-VALUE}.")
    int gzipLevel;

    @Option(names = "--flush-max-age-ms", description = "Longest a record waits before its file is written. Default: "
            + "10000.")
    long flushMaxAgeMs = SinkConfig.DEFAULT_FLUSH_MAX_AGE.toMillis();

    @Option(names = "--instance-id", defaultValue = "",
            description = "group.instance.id of this member: restarted with the same id, it takes its partitions back at once."
                    + " Default: <host>-sink-<n>, n the lowest slot no other member of the group holds on this machine;"
                    + " none: dynamic membership.")
    String instanceId;

    @Option(names = "--session-timeout-ms", description = "How long the group keeps a killed member's partitions for it"
            + " (6000-1800000). Default: 30000.")
    long sessionTimeoutMs = GroupMembership.DEFAULT_STATIC_SESSION_TIMEOUT.toMillis();

    @Option(names = "--no-notices", description = "Do not announce flushes. By default each flush's objects and the"
            + " partitions' watermarks go to the topic <topic>.bronze-notices, which apps in continuous mode load from.")
    boolean noNotices;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Kafka client setting passed through (security.protocol, sasl.*, ssl.*...); repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Override
    public Integer call() {
        KafkaSettings settings = new KafkaSettings(bootstrap, kafkaProperties);
        try (SinkMemberId member = SinkMemberId.claim(instanceId, Duration.ofMillis(sessionTimeoutMs), group);
             ObjectStore objects = ObjectStores.open(store, System.getenv())) {
            SinkConfig config = SinkConfig.defaults(topic).withGroupId(group).withGzipLevel(gzipLevel)
                    .withFlushMaxAge(Duration.ofMillis(flushMaxAgeMs)).withMembership(member.membership());
            if (!noNotices) {
                KafkaNotices.ensureTopic(settings, topic);
            }
            NoticeSink announcer = !noNotices ? KafkaNotices.publisher(settings, topic) : NoticeSink.NONE;
            BronzeSink sink = new BronzeSink(settings, config, objects, announcer);
            Runtime.getRuntime().addShutdownHook(new Thread(sink::close, "sink-stop"));
            System.err.println("Sinking " + topic + " from " + bootstrap + " to " + objects.describe() + ", membership "
                    + member.membership());
            try {
                sink.run();
            } catch (FencedInstanceIdException e) {
                throw PlaystreamException.permanent(SinkMemberId.fencedReason(member.membership()));
            }
            SinkMetricsSnapshot m = sink.metrics();
            System.err.println("Stopped: " + m.bronzeLines() + " lines, " + m.deadLetters() + " dead letters, "
                    + m.files() + " files");
            announcer.close();
        }
        return 0;
    }
}
