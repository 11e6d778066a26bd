package io.playstream.app.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How the freshness stage runs {@code playstream run}: the recurring load's schedule and the sink's
 * flush age it configures (together the bound it is compared with), how long each measured round
 * stamps events, and the simulator's background rate.
 *
 * @param schedule     the recurring load (an ISO-8601 duration), each successful load enqueuing a transform
 * @param flushAge     the sink's {@code sink.flush-age}
 * @param window       how long one round stamps events; the run lasts one schedule of warm-up, then rounds x window
 * @param stampedPerSecond stamped events a second, each one traced into bronze and gold
 * @param backgroundPerSecond simulated listeners a second around them ({@code simulate.rate})
 */
public record FreshnessSettings(Duration schedule, Duration flushAge, Duration window, int stampedPerSecond,
        int backgroundPerSecond) {

    public static final Duration DEFAULT_SCHEDULE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FLUSH_AGE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(20);
    public static final int DEFAULT_STAMPED_PER_SECOND = 20;
    public static final int DEFAULT_BACKGROUND_PER_SECOND = 200;

    public FreshnessSettings {
        requireAtLeast("--freshness-schedule", schedule, Duration.ofSeconds(5));
        requireAtLeast("--freshness-flush-age", flushAge, Duration.ofMillis(100));
        requireAtLeast("--freshness-window", window, Duration.ofSeconds(1));
        if (stampedPerSecond < 1 || backgroundPerSecond < 0) {
            throw new IllegalArgumentException("stamped events a second must be >= 1 and background >= 0");
        }
    }

    public static FreshnessSettings defaults() {
        return new FreshnessSettings(DEFAULT_SCHEDULE, DEFAULT_FLUSH_AGE, DEFAULT_WINDOW, DEFAULT_STAMPED_PER_SECOND,
                DEFAULT_BACKGROUND_PER_SECOND);
    }

    /** A copy with another schedule, flush age and window. */
    public FreshnessSettings with(Duration newSchedule, Duration newFlushAge, Duration newWindow) {
        return new FreshnessSettings(newSchedule, newFlushAge, newWindow, stampedPerSecond, backgroundPerSecond);
    }

    private static void requireAtLeast(String option, Duration value, Duration minimum) {
        if (Objects.requireNonNull(value, option).compareTo(minimum) < 0) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", was " + value);
        }
    }
}
