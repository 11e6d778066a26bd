package io.playstream.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the freshness stage runs {@code playstream run}: the pipeline mode, the recurring load's
 * schedule (scheduled mode only) and the sink's flush age, how long each measured round stamps
 * events, and the rates of simulated listeners it is measured at, one app run per rate.
 *
 * @param mode         {@code continuous} or {@code scheduled} ({@code pipeline.mode})
 * @param schedule     the recurring load in scheduled mode (an ISO-8601 duration), each load followed by a transform
 * @param flushAge     the sink's {@code sink.flush-age}
 * @param window       how long one round stamps events; each rate runs a warm-up, then rounds x window
 * @param stampedPerSecond stamped events a second, each one traced into bronze, warehouse bronze and gold
 * @param rates        simulated events a second around them ({@code simulate.rate}), one run each
 */
public record FreshnessSettings(String mode, Duration schedule, Duration flushAge, Duration window, int stampedPerSecond,
        List<Integer> rates) {

    public static final String DEFAULT_MODE = "continuous";
    public static final Duration DEFAULT_SCHEDULE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FLUSH_AGE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(20);
    public static final int DEFAULT_STAMPED_PER_SECOND = 20;
    public static final List<Integer> DEFAULT_RATES = List.of(5_000);
    /** The aim for event -> gold at p95, the reference of the gold and watermark rows in continuous mode. */
    public static final Duration GOLD_AIM = Duration.ofSeconds(10);

    public FreshnessSettings {
        if (!List.of("continuous", "scheduled").contains(mode)) {
            throw new IllegalArgumentException("--freshness-mode must be continuous or scheduled, was " + mode);
        }
        requireAtLeast("--freshness-schedule", schedule, Duration.ofSeconds(5));
        requireAtLeast("--freshness-flush-age", flushAge, Duration.ofMillis(100));
        requireAtLeast("--freshness-window", window, Duration.ofSeconds(1));
        rates = List.copyOf(Objects.requireNonNull(rates, "rates"));
        if (stampedPerSecond < 1 || rates.isEmpty() || rates.stream().anyMatch(r -> r < 1 || r > 1_000_000)) {
            throw new IllegalArgumentException("stamped events a second must be >= 1 and --freshness-rates 1 to 1000000 each");
        }
    }

    public static FreshnessSettings defaults() {
        return new FreshnessSettings(DEFAULT_MODE, DEFAULT_SCHEDULE, DEFAULT_FLUSH_AGE, DEFAULT_WINDOW, DEFAULT_STAMPED_PER_SECOND,
                DEFAULT_RATES);
    }

    /** A copy with another mode, schedule, flush age, window and rates. */
    public FreshnessSettings with(String newMode, Duration newSchedule, Duration newFlushAge, Duration newWindow,
            List<Integer> newRates) {
        return new FreshnessSettings(newMode, newSchedule, newFlushAge, newWindow, stampedPerSecond, newRates);
    }

    boolean continuous() {
        return "continuous".equals(mode);
    }

    private static void requireAtLeast(String option, Duration value, Duration minimum) {
        if (Objects.requireNonNull(value, option).compareTo(minimum) < 0) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", was " + value);
        }
    }
}
