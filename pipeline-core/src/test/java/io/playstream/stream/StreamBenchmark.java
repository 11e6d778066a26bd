package io.playstream.stream;

import io.playstream.event.EventCodec;
import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import io.playstream.objectstore.FileSystemObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Measures the producer and sink paths against Kafka's own perf tools on the same embedded broker,
 * same records (ProducerPerformance gets a payload file of our encoded events) and same producer
 * settings (acks=all, idempotence, lz4, linger.ms, batch.size, 500 keys). Not a test; from the
 * project root:
 * <pre>
 * mvn -B -q -pl pipeline-core -am test-compile
 * mvn -B -q -pl pipeline-core dependency:build-classpath -Dmdep.outputFile=/tmp/stream-cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp "$(cat /tmp/stream-cp.txt):pipeline-core/target/classes:pipeline-core/target/test-classes" \
 *     io.playstream.stream.StreamBenchmark 200000 [gzipLevel]
 * </pre>
 * Producer path: simulate + encode + send, until every acknowledgement. Sink path: consume, check,
 * partition, gzip, write to a local folder, commit, timed from start to the last commit (group
 * join included, as in ConsumerPerformance's nMsg.sec).
 */
public final class StreamBenchmark {

    private static final int PARTITIONS = 6;
    /** Ours publishes to bench-ours-0, -1...; both sinks read bench-ours-0. */
    private static final String TOPIC = "bench-ours-";

    private StreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int[] gzipLevels = args.length > 1 ? new int[] {Integer.parseInt(args[1])} : new int[] {1, 6};
        Path work = Files.createTempDirectory("playstream-bench-");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(work.resolve("kafka"), 0)) {
            KafkaSettings settings = KafkaSettings.of(broker.bootstrapServers());
            PublisherConfig config = PublisherConfig.defaults(TOPIC + 0).withPartitions(PARTITIONS);

            // warm-up: JIT for both paths, so neither side pays it in the measured run
            try (EventPublisher warm = new EventPublisher(settings, PublisherConfig.defaults("bench-warmup"))) {
                warm.publish(new Simulated(20_000, 1));
            }
            System.out.printf("simulate+encode alone: %.0f records/s%n", encodeOnly(events));
            Path payloads = work.resolve("payloads.ndjson");
            writePayloads(payloads, 10_000);
            Topics.ensure(settings, "bench-reference", PARTITIONS);
            // alternate the two, twice, so a busy neighbour hurts both alike; keep each one's best
            double ours = 0;
            double reference = 0;
            for (int round = 0; round < 2; round++) {
                PublisherConfig roundConfig = PublisherConfig.defaults(TOPIC + round).withPartitions(PARTITIONS);
                try (EventPublisher publisher = new EventPublisher(settings, roundConfig)) {
                    ours = Math.max(ours, publisher.publish(new Simulated(events, 2 + round)).recordsPerSecond());
                }
                reference = Math.max(reference, referenceProducer(broker.bootstrapServers(), events, payloads, config));
            }
            System.out.printf("producer: ours %.0f records/s, ProducerPerformance %.0f records/s, ratio %.2f%n",
                    ours, reference, ours / reference);

            double referenceConsumer = referenceConsumer(broker.bootstrapServers(), events);
            for (int level : gzipLevels) {
                for (int threads : new int[] {1, 2}) {
                    Path store = work.resolve("store-" + level + "-" + threads);
                    double sink = sink(settings, events, store, level, threads);
                    System.out.printf("sink(gzip=%d, writers=%d): %.0f records/s, ConsumerPerformance %.0f records/s, "
                            + "ratio %.2f, bronze %d bytes%n", level, threads, sink, referenceConsumer,
                            sink / referenceConsumer, size(store));
                }
            }
        }
    }

    private static double encodeOnly(int events) {
        EventCodec codec = new EventCodec();
        long bytes = 0;
        long start = System.nanoTime();
        for (Simulated simulated = new Simulated(events, 9); simulated.hasNext(); ) {
            bytes += codec.encode(simulated.next()).length;
        }
        double rate = events * 1e9 / (System.nanoTime() - start);
        System.out.printf("average record: %d bytes%n", bytes / events);
        return rate;
    }

    private static double sink(KafkaSettings settings, int events, Path storeDir, int level, int threads)
            throws InterruptedException {
        SinkConfig config = SinkConfig.defaults(TOPIC + 0).withGroupId("bench-sink-" + UUID.randomUUID())
                .withGzipLevel(level).withWriterThreads(threads)
                .withFlush(100_000, 32L << 20, Duration.ofSeconds(5));
        long start = System.nanoTime();
        BronzeSink sink = new BronzeSink(settings, config, new FileSystemObjectStore(storeDir));
        Thread thread = new Thread(sink, "bench-sink");
        thread.start();
        while (sink.metrics().recordsIn() < events) {
            Thread.sleep(20);
        }
        sink.close(); // final flush and commit included in the time
        thread.join();
        if (sink.metrics().bronzeLines() != events) {
            throw new IllegalStateException("bronze has " + sink.metrics().bronzeLines() + " lines, not " + events);
        }
        return events * 1e9 / (System.nanoTime() - start);
    }

    private static double referenceProducer(String bootstrap, int events, Path payloads, PublisherConfig config)
            throws Exception {
        String out = capture(() -> ProducerPerformance.main(new String[] {"--topic", "bench-reference",
            "--num-records", Integer.toString(events), "--payload-file", payloads.toString(), "--throughput", "-1",
            "--record-key-range", "500", "--key-distribution", "random", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
            "enable.idempotence=true", "compression.type=" + config.compression(), "linger.ms=" + config.lingerMs(),
            "batch.size=" + config.batchSize()}));
        Matcher m = Pattern.compile("(?m)^\\d+ records sent, ([\\d.]+) records/sec").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no result in ProducerPerformance output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double referenceConsumer(String bootstrap, int events) throws Exception {
        String out = capture(() -> ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrap,
            "--topic", TOPIC + 0, "--num-records", Integer.toString(events), "--group",
            "bench-reference-" + UUID.randomUUID(), "--timeout", "60000"}));
        String[] lines = out.strip().split("\n");
        String[] fields = lines[lines.length - 1].split(",\\s*");
        return Double.parseDouble(fields[5]); // nMsg.sec, group join included as in ours
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capture(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void writePayloads(Path file, int count) throws Exception {
        EventCodec codec = new EventCodec();
        StringBuilder text = new StringBuilder();
        new Simulated(count, 3).forEachRemaining(e -> text.append(new String(codec.encode(e), StandardCharsets.UTF_8))
                .append('\n'));
        Files.writeString(file, text);
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Listening events made on the fly: the cost of simulating is part of the producer path. */
    private static final class Simulated implements Iterator<ListeningEvent> {

        private static final String[] DEVICES = {"mobile", "desktop", "web"};
        private static final String[] COUNTRIES = {"US", "UK", "DE", "BR", "AU", "FR", "JP"};
        private final Random random;
        private final int count;
        private final Instant start = Instant.parse("2025-12-10T00:00:00Z");
        private int made;

        Simulated(int count, long seed) {
            this.count = count;
            this.random = new Random(seed);
        }

        @Override
        public boolean hasNext() {
            return made < count;
        }

        @Override
        public ListeningEvent next() {
            made++;
            return new ListeningEvent(new UUID(random.nextLong(), random.nextLong()).toString(),
                    "user-" + random.nextInt(500), new UUID(random.nextLong(), random.nextLong()).toString(),
                    "Artist " + random.nextInt(300), "Song " + random.nextInt(2_000),
                    EventType.values()[random.nextInt(4)], DEVICES[random.nextInt(3)],
                    COUNTRIES[random.nextInt(COUNTRIES.length)], start.plusMillis(made * 50L + random.nextInt(1000)),
                    "session-" + random.nextInt(10_000), (long) random.nextInt(200_000), 200_000L, 1);
        }
    }
}
