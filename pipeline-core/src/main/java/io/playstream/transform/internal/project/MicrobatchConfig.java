package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * A model's {@code incremental_strategy: microbatch} settings, as dbt 1.9+ reads them:
 * {@code event_time} (the model's column each batch replaces), {@code batch_size}, {@code begin}
 * (required), {@code lookback} (batches re-run before now, default 1). Batches run one after the
 * other: {@code concurrent_batches: true} is refused rather than ignored.
 */
public record MicrobatchConfig(String eventTime, ChronoUnit batchSize, int lookback, Instant begin) {

    public static final String STRATEGY = "microbatch";
    static final Map<String, ChronoUnit> SIZES = Map.of("hour", ChronoUnit.HOURS, "day", ChronoUnit.DAYS,
            "month", ChronoUnit.MONTHS, "year", ChronoUnit.YEARS);

    /** The model's microbatch settings, empty unless its strategy is microbatch; {@code file} names it in errors. */
    public static Optional<MicrobatchConfig> of(NodeConfig config, String file) {
        if (!config.incrementalStrategy().map(STRATEGY::equals).orElse(false)) {
            return Optional.empty();
        }
        Map<String, Object> values = config.values();
        if (Boolean.TRUE.equals(values.get("concurrent_batches")) || "true".equals(String.valueOf(values.get("concurrent_batches")))) {
            throw PlaystreamException.permanent(file + ": concurrent_batches is not supported (the runner builds a microbatch model's batches one after the other)");
        }
        Object eventTime = required(values, "event_time", file);
        String size = String.valueOf(required(values, "batch_size", file));
        ChronoUnit unit = SIZES.get(size);
        if (unit == null) {
            throw PlaystreamException.permanent(file + ": unsupported batch_size '" + size + "' (accepted: day, hour, month, year)");
        }
        int lookback = values.containsKey("lookback") ? Integer.parseInt(String.valueOf(values.get("lookback"))) : 1;
        return Optional.of(new MicrobatchConfig(String.valueOf(eventTime), unit, lookback,
                instant(required(values, "begin", file), file)));
    }

    private static Object required(Map<String, Object> values, String key, String file) {
        Object value = values.get(key);
        if (value == null) {
            throw PlaystreamException.permanent(file + ": incremental_strategy 'microbatch' needs a " + key + " config");
        }
        return value;
    }

    /** A timestamp as dbt accepts it in {@code begin} and {@code --event-time-start/-end}, in UTC. */
    public static Instant instant(Object value, String where) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = String.valueOf(value).trim().replace(' ', 'T');
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw PlaystreamException.permanent(where + ": '" + value + "' is not a date or timestamp");
        }
    }
}
