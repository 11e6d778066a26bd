package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.BronzeSink;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.SinkConfig;
import io.playstream.stream.SinkMetricsSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Sink to bronze: {@link BronzeSink} with its defaults (consume, check, partition by event hour,
 * gzip, write to a local folder, commit), timed from start (group join included) until every
 * record is in and the closing flush has committed; against ConsumerPerformance reading the same
 * topic with the same record count and fetch settings (its nMsg.sec, group join included too).
 * Round 1's folder feeds the load stages.
 */
final class SinkStage {

    private static final long STALL_NANOS = 120_000_000_000L;

    private final KafkaSettings kafka;
    private final String topic;
    private final long events;
    private final Path workDir;
    private final Optional<ReferenceTools> tools;

    SinkStage(KafkaSettings kafka, String topic, long events, Path workDir, Optional<ReferenceTools> tools) {
        this.kafka = kafka;
        this.topic = topic;
        this.events = events;
        this.workDir = workDir;
        this.tools = tools;
    }

    /** The bronze folder a round writes to. */
    Path store(int round) {
        return workDir.resolve("store-" + round);
    }

    /** Writes round 1's folder without measuring, for a run that measures the loads but not this stage. */
    void fill() {
        sink(store(1));
    }

    StageResult run(int rounds) {
        sink(workDir.resolve("store-warmup"));
        List<RoundFigure> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            MemoryProbe.reset();
            long start = System.nanoTime();
            SinkMetricsSnapshot metrics = sink(store(round));
            double seconds = BenchData.seconds(start);
            MemoryProbe.Usage memory = MemoryProbe.read();
            Double reference = tools.map(this::consumerPerformance).orElse(null);
            figures.add(RoundFigure.of(round, events / seconds, reference, memory,
                    Map.of("files", (double) metrics.files(), "MB written/s", metrics.bytesWritten() / seconds / 1e6)));
        }
        return new StageResult("sink to bronze", "records/s", "BronzeSink (gzip, local folder)", "ConsumerPerformance",
                figures, tools.isPresent() ? null : ReferenceTools.UNAVAILABLE);
    }

    private SinkMetricsSnapshot sink(Path storeDir) {
        SinkConfig config = SinkConfig.defaults(topic).withGroupId("bench-sink-" + UUID.randomUUID());
        BronzeSink sink = new BronzeSink(kafka, config, new FileSystemObjectStore(storeDir));
        Thread thread = new Thread(sink, "bench-sink");
        thread.start();
        try {
            long last = -1;
            long progress = System.nanoTime();
            while (sink.metrics().recordsIn() < events) {
                long now = sink.metrics().recordsIn();
                if (now != last) {
                    last = now;
                    progress = System.nanoTime();
                } else if (System.nanoTime() - progress > STALL_NANOS || !thread.isAlive()) {
                    throw PlaystreamException.permanent("the sink stalled at " + now + " of " + events + " records", null);
                }
                Thread.sleep(10);
            }
            sink.close(); // the final flush and commit are part of the time
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.retriable("interrupted while the sink ran", e);
        } finally {
            sink.close();
        }
        SinkMetricsSnapshot metrics = sink.metrics();
        if (metrics.bronzeLines() + metrics.deadLetters() != events) {
            throw PlaystreamException.permanent("bronze has " + metrics.bronzeLines() + " lines and "
                    + metrics.deadLetters() + " dead letters, not " + events, null);
        }
        return metrics;
    }

    /**
     * ConsumerPerformance's nMsg.sec on the same topic and record count, from a fresh group, with
     * the sink's own fetch settings (poll size, receive buffer, fetch size, read_committed).
     */
    double consumerPerformance(ReferenceTools referenceTools) {
        Path settings = workDir.resolve("reference-consumer.properties");
        Properties properties = new Properties();
        properties.putAll(BronzeSink.FETCH_SETTINGS);
        try (Writer writer = Files.newBufferedWriter(settings)) {
            properties.store(writer, "the bronze sink's fetch settings");
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot write " + settings + ": " + e.getMessage(), e);
        }
        String out = referenceTools.run("ConsumerPerformance", List.of("--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--num-records", Long.toString(events), "--group", "bench-reference-" + UUID.randomUUID(),
                "--command-config", settings.toString(),
                "--fetch-size", BronzeSink.FETCH_SETTINGS.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                "--socket-buffer-size", BronzeSink.FETCH_SETTINGS.get(ConsumerConfig.RECEIVE_BUFFER_CONFIG),
                "--timeout", "60000"));
        String[] lines = out.strip().split("\n");
        String[] fields = lines[lines.length - 1].split(",\\s*");
        try {
            return Double.parseDouble(fields[5]);
        } catch (RuntimeException e) {
            throw PlaystreamException.permanent("no result in ConsumerPerformance's output: " + out, e);
        }
    }
}
