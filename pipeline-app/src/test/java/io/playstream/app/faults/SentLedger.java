package io.playstream.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.app.testing.SimulatorCounts;
import io.playstream.event.ListeningEvent;
import io.playstream.objectstore.ObjectStore;
import io.playstream.stream.StoredLines;
import io.playstream.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the test sent, counted independently of the pipeline: how many times each event id was
 * sent (the simulator sends some twice, as clients do on retry) and the gold figures of the
 * distinct events. Written by the producer's thread only; read once it has stopped.
 */
final class SentLedger {

    /** An event this far behind the newest one sent counts as late. */
    private static final Duration LATE = Duration.ofMinutes(5);

    private final Map<String, Long> sendsPerId = new HashMap<>();
    private final SimulatorCounts gold = new SimulatorCounts();
    private long messages;
    private long lateEvents;
    private Instant latest = Instant.EPOCH;

    void sent(ListeningEvent event) {
        messages++;
        sendsPerId.merge(event.eventId(), 1L, Long::sum);
        gold.add(event);
        // late: behind the latest event time already sent (the simulator's late share)
        if (event.timestamp().isBefore(latest.minus(LATE))) {
            lateEvents++;
        } else if (event.timestamp().isAfter(latest)) {
            latest = event.timestamp();
        }
    }

    long messages() {
        return messages;
    }

    long distinctEvents() {
        return sendsPerId.size();
    }

    /** Messages that repeat an event id sent before: the surplus bronze must hold, and silver must not. */
    long duplicateSends() {
        return messages - sendsPerId.size();
    }

    long lateEvents() {
        return lateEvents;
    }

    Map<String, Long> sendsPerId() {
        return sendsPerId;
    }

    SimulatorCounts gold() {
        return gold;
    }

    /** Waits until bronze holds as many lines as messages were sent, then asserts it holds each one exactly once. */
    void assertInBronzeExactlyOnce(ObjectStore store, Duration timeout) throws InterruptedException {
        Await.until(() -> StoredLines.bronze(store).size() >= messages, timeout,
                () -> StoredLines.bronze(store).size() + " of " + messages + " messages in bronze");
        Map<String, Long> inBronze = StoredLines.eventIdCounts(store).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue()));
        assertThat(StoredLines.bronze(store)).hasSize((int) messages);
        assertThat(inBronze).isEqualTo(sendsPerId);
    }
}
