package io.playstream.app.faults;

import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a known stream to Kafka at a steady rate on a thread of its own until stopped, the way a
 * well-behaved client does: idempotent, acks=all, retrying for as long as a broker restart takes, so
 * a send is never lost or duplicated by the test's own side. Every send is written to the ledger;
 * a send the broker never acknowledged fails the test (it would make the counts meaningless).
 */
final class PacedProducer implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final int SUSTAINED_WINDOW = 10;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Iterator<ListeningEvent> events;
    private final double eventsPerSecond;
    private final SentLedger ledger = new SentLedger();
    private final EventCodec codec = new EventCodec();
    private final AtomicLong acknowledged = new AtomicLong();
    private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
    private final Thread thread = new Thread(this::sendUntilStopped, "paced-producer");
    /** Acknowledgements per second since the start: what the cluster sustained, slowest stretch included. */
    private final ConcurrentHashMap<Long, LongAdder> acknowledgedPerSecond = new ConcurrentHashMap<>();
    private volatile long startedNanos;
    private volatile long stoppedNanos;
    private volatile boolean running = true;

    PacedProducer(String bootstrapServers, String topic, Iterator<ListeningEvent> events, double eventsPerSecond) {
        Properties props = new Properties();
        props.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(PATIENCE.toMillis()),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(PATIENCE.toMillis()),
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.events = events;
        this.eventsPerSecond = eventsPerSecond;
    }

    PacedProducer start() {
        thread.start();
        return this;
    }

    private void sendUntilStopped() {
        long started = System.nanoTime();
        startedNanos = started;
        while (running && events.hasNext()) {
            ListeningEvent event = events.next();
            ledger.sent(event);
            producer.send(new ProducerRecord<>(topic, event.userId().getBytes(StandardCharsets.UTF_8), codec.encode(event)),
                    (metadata, error) -> {
                        if (error == null) {
                            acknowledged.incrementAndGet();
                            acknowledgedPerSecond.computeIfAbsent((System.nanoTime() - started) / 1_000_000_000L, s -> new LongAdder())
                                    .increment();
                        } else {
                            failures.add(error);
                        }
                    });
            long due = started + (long) (ledger.messages() * 1e9 / eventsPerSecond);
            long ahead = due - System.nanoTime();
            if (ahead > 1_000_000) {
                ChildJvm.pause(ahead / 1_000_000);
            }
        }
    }

    /** Stops sending, waits until every send is acknowledged, and returns what was sent. */
    SentLedger stop() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        stoppedNanos = System.nanoTime();
        producer.flush();
        if (!failures.isEmpty() || acknowledged.get() != ledger.messages()) {
            throw new AssertionError("the test's producer lost sends (acknowledged " + acknowledged.get() + " of "
                    + ledger.messages() + "): " + failures.peek(), failures.peek());
        }
        return ledger;
    }

    /**
     * The rate asked, the mean rate acknowledged from the first send to the stop, and the slowest
     * {@code SUSTAINED_WINDOW} of acknowledgements (a fault's stall shows there, caught up after it);
     * read after {@link #stop()}.
     */
    String pace() {
        long seconds = Math.max(1, (stoppedNanos - startedNanos) / 1_000_000_000L);
        long slowest = Long.MAX_VALUE;
        for (long from = 0; from + SUSTAINED_WINDOW <= seconds; from++) {
            long sum = 0;
            for (long s = from; s < from + SUSTAINED_WINDOW; s++) {
                LongAdder count = acknowledgedPerSecond.get(s);
                sum += count == null ? 0 : count.sum();
            }
            slowest = Math.min(slowest, sum);
        }
        return String.format(Locale.ROOT, "asked %.0f events/s; acknowledged %d in %d s = %.0f events/s; slowest %d s: %s",
                eventsPerSecond, acknowledged.get(), seconds, acknowledged.get() / (double) seconds, SUSTAINED_WINDOW,
                slowest == Long.MAX_VALUE ? "(a shorter run)" : String.format(Locale.ROOT, "%.0f events/s", slowest / (double) SUSTAINED_WINDOW));
    }

    /** Sends so far; safe from any thread. */
    long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(5));
    }
}
