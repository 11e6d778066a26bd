package io.playstream.stream;

/**
 * Told of every delivery as the broker answers it: for progress bars and tests. Called on the
 * producer's I/O thread, so it must be quick and thread-safe; what it throws is logged by Kafka's
 * client and otherwise ignored, so a listener cannot lose an event.
 */
@FunctionalInterface
public interface PublishListener {

    PublishListener NONE = (sent, failed) -> {
    };

    /** One more record was answered; the totals so far. */
    void delivered(long sent, long failed);
}
