package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.stream.EventPublisher;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.PublishSummary;
import io.playstream.stream.PublisherConfig;
import io.playstream.stream.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Produce: {@link EventPublisher} fed by the simulator (simulate + encode + send, until every
 * acknowledgement) against ProducerPerformance on the same broker, sending our encoded events from
 * a payload file with the same producer settings (acks=all, idempotence, compression, linger, batch
 * size, 500 keys). Our round 1 topic is what the sink stage then reads.
 */
final class ProduceStage {

    static final String OURS_TOPIC = "bench-ours-";
    private static final Pattern RESULT = Pattern.compile("(?m)^\\d+ records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

    private final KafkaSettings kafka;
    private final long events;
    private final int partitions;
    private final Path payloads;
    private final double recordBytes;
    private final Optional<ReferenceTools> tools;

    ProduceStage(KafkaSettings kafka, long events, int partitions, Path payloads, Optional<ReferenceTools> tools) {
        this.kafka = kafka;
        this.events = events;
        this.partitions = partitions;
        this.payloads = payloads;
        this.recordBytes = BenchData.writePayloads(payloads);
        this.tools = tools;
    }

    StageResult run(int rounds) {
        publish("bench-warmup", Math.min(events, 50_000), 0);
        List<RoundFigure> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            MemoryProbe.reset();
            PublishSummary ours = publish(OURS_TOPIC + round, events, round);
            MemoryProbe.Usage memory = MemoryProbe.read();
            double[] reference = tools.map(this::reference).orElse(null);
            figures.add(RoundFigure.of(round, ours.recordsPerSecond(), reference == null ? null : reference[0], memory,
                    reference == null ? Map.of("MB/s", ours.recordsPerSecond() * recordBytes / 1e6)
                            : Map.of("MB/s", ours.recordsPerSecond() * recordBytes / 1e6, "reference MB/s", reference[1])));
        }
        return new StageResult("produce", "records/s", "EventPublisher + simulator", "ProducerPerformance",
                figures, tools.isPresent() ? null : ReferenceTools.UNAVAILABLE);
    }

    /** Writes round 1's topic without measuring, for a run that measures the sink but not this stage. */
    void fill() {
        publish(OURS_TOPIC + 1, events, 1);
    }

    private PublishSummary publish(String topic, long count, long seed) {
        PublisherConfig config = PublisherConfig.defaults(topic).withPartitions(partitions);
        Topics.ensure(kafka, topic, partitions);
        PublishSummary summary;
        try (EventPublisher publisher = new EventPublisher(kafka, config)) {
            summary = publisher.publish(BenchData.simulate(count, seed));
        }
        if (summary.hasFailures() || summary.sent() != count) {
            throw PlaystreamException.permanent("the benchmark lost events: sent " + summary.sent() + " of " + count
                    + ", " + summary.firstError().orElse(""), null);
        }
        return summary;
    }

    /** ProducerPerformance's records/s and MB/s. */
    private double[] reference(ReferenceTools referenceTools) {
        String topic = "bench-reference-" + System.nanoTime();
        Topics.ensure(kafka, topic, partitions);
        PublisherConfig config = PublisherConfig.defaults(topic);
        String out = referenceTools.run("ProducerPerformance", List.of("--topic", topic,
                "--num-records", Long.toString(events), "--payload-file", payloads.toString(), "--throughput", "-1",
                "--record-key-range", "500", "--key-distribution", "random",
                "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all", "enable.idempotence=true",
                "compression.type=" + config.compression(), "linger.ms=" + config.lingerMs(),
                "batch.size=" + config.batchSize()));
        // it prints a line per 5-second window, then the total in the same form: the last line is the result
        Matcher m = RESULT.matcher(out);
        double[] last = null;
        while (m.find()) {
            last = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
        }
        if (last == null) {
            throw PlaystreamException.permanent("no result in ProducerPerformance's output: " + out, null);
        }
        return last;
    }
}
