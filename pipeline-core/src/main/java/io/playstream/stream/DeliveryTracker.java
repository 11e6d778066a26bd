package io.playstream.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts acknowledgements and failures reported by the producer's callbacks (on its I/O thread). */
final class DeliveryTracker implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryTracker.class);

    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final long startedNanos = System.nanoTime();
    private final PublishListener listener;

    DeliveryTracker(PublishListener listener) {
        this.listener = listener;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            sent.increment();
        } else {
            failed.increment();
            if (firstError.compareAndSet(null, exception.toString())) {
                LOG.error("Delivery failed(topic={}): {}; further failures are counted, not logged",
                        metadata == null ? "?" : metadata.topic(), exception.toString());
            }
        }
        listener.delivered(sent.sum(), failed.sum());
    }

    PublishSummary summary() {
        return new PublishSummary(sent.sum(), failed.sum(), Duration.ofNanos(System.nanoTime() - startedNanos),
                Optional.ofNullable(firstError.get()));
    }
}
