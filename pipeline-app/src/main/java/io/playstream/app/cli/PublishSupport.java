package io.playstream.app.cli;

import io.playstream.app.progress.ConsoleProgress;
import io.playstream.app.progress.PublishProgress;
import io.playstream.event.ListeningEvent;
import io.playstream.partition.TopicNames;
import io.playstream.stream.EventPublisher;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.PublishSummary;
import io.playstream.stream.PublisherConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import picocli.CommandLine.Option;

/**
 * The Kafka destination of {@code generate}: add it with {@code @Mixin PublishSupport kafka;} and,
 * when {@link #isSelected()}, call {@link #publish} (simulated events) or {@link #replay} (a file).
 * A run with delivery failures ends with status 1 and says how many.
 */
public final class PublishSupport {

    @Option(names = "--bootstrap", description = "Publish to Kafka at HOST:PORT[,HOST:PORT] instead of a file.")
    String bootstrap;

    @Option(names = "--topic", defaultValue = TopicNames.DEFAULT_TOPIC, description = "Topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--partitions", defaultValue = "" + PublisherConfig.DEFAULT_PARTITIONS,
            description = "Partitions when the topic has to be created. Default: ${DEFAULT-VALUE}.")
    int partitions;

    /** Whether {@code --bootstrap} was given. */
    public boolean isSelected() {
        return bootstrap != null;
    }

    /**
     * Publishes simulated events; returns the exit status.
     *
     * @param expected how many, -1 when the stream has no end (for the progress bar)
     */
    public int publish(Iterator<ListeningEvent> events, long expected) {
        try (PublishProgress progress = progress(expected);
                EventPublisher publisher = new EventPublisher(KafkaSettings.of(bootstrap), config()).withListener(progress)) {
            return report(publisher.publish(events));
        }
    }

    /** Publishes a file's lines unchanged (keyed by their user_id); returns the exit status. */
    public int replay(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                PublishProgress progress = progress(-1);
                EventPublisher publisher = new EventPublisher(KafkaSettings.of(bootstrap), config()).withListener(progress)) {
            Iterator<byte[]> lines = reader.lines().filter(l -> !l.isBlank())
                    .map(l -> l.getBytes(StandardCharsets.UTF_8)).iterator();
            return report(publisher.publishRaw(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private PublishProgress progress(long expected) {
        return new PublishProgress(ConsoleProgress.forThisProcess(System.getenv()), "publish", expected);
    }

    private PublisherConfig config() {
        return PublisherConfig.defaults(topic).withPartitions(partitions);
    }

    private int report(PublishSummary summary) {
        System.err.printf("Published %d events to %s in %d ms (%.0f/s)%n", summary.sent(), topic,
                summary.duration().toMillis(), summary.recordsPerSecond());
        if (summary.hasFailures()) {
            System.err.printf("playstream: %d events were not delivered; first error: %s%n", summary.failed(),
                    summary.firstError().orElse("?"));
            return FailureHandler.FAILURE;
        }
        return 0;
    }
}
