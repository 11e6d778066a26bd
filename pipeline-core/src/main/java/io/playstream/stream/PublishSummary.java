package io.playstream.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one publishing run did. {@code sent} counts records the broker acknowledged; {@code failed}
 * those it did not, after the producer's own retries: a failure is never dropped silently.
 *
 * @param sent       acknowledged records
 * @param failed     records whose delivery failed
 * @param duration   from the first send to the last acknowledgement
 * @param firstError the first delivery error, when any
 */
public record PublishSummary(long sent, long failed, Duration duration, Optional<String> firstError) {

    public PublishSummary {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(firstError, "firstError");
        if (sent < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** Acknowledged records per second. */
    public double recordsPerSecond() {
        long nanos = Math.max(1, duration.toNanos());
        return sent * 1e9 / nanos;
    }

    public boolean hasFailures() {
        return failed > 0;
    }
}
