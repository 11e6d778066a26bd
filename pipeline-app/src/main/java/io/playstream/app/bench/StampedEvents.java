package io.playstream.app.bench;

import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import io.playstream.stream.EventPublisher;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.PublisherConfig;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Events the freshness stage traces through {@code run} mode: sent at a steady rate on a thread of
 * their own, each with event time = the moment it is sent and a user of its own
 * ({@code bench-fresh-<n>}), so its row in {@code gold.user_engagement} tells when it reached gold.
 */
final class StampedEvents implements AutoCloseable {

    static final String USER_PREFIX = "bench-fresh-";

    /** What was sent: the event's time and the round it belongs to. */
    record Stamp(Instant eventTime, int round) {
    }

    private final Map<String, Stamp> sent = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile int round;
    private volatile boolean running = true;

    StampedEvents(KafkaSettings kafka, String topic, int perSecond) {
        this.thread = new Thread(() -> publish(kafka, topic, perSecond), "bench-stamped-events");
        this.thread.setDaemon(true);
    }

    /** Starts sending events of {@code firstRound}. */
    void start(int firstRound) {
        round = firstRound;
        thread.start();
    }

    /** Later events belong to {@code next}. */
    void nextRound(int next) {
        round = next;
    }

    /** Every event sent so far, by user id. */
    Map<String, Stamp> sent() {
        return Map.copyOf(sent);
    }

    private void publish(KafkaSettings kafka, String topic, int perSecond) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        try (EventPublisher publisher = new EventPublisher(kafka, PublisherConfig.defaults(topic))) {
            publisher.publish(new Iterator<>() {
                private long next = System.nanoTime();
                private long n;

                @Override
                public boolean hasNext() {
                    return running;
                }

                @Override
                public ListeningEvent next() {
                    next += intervalNanos;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                    String user = USER_PREFIX + n++;
                    Instant now = Instant.now();
                    sent.put(user, new Stamp(now, round));
                    return ListeningEvent.of(UUID.randomUUID().toString(), user, UUID.nameUUIDFromBytes(user.getBytes()).toString(),
                            "Bench Artist", "Freshness", EventType.PLAY, "desktop", "SE", now);
                }
            });
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
