package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.project.MicrobatchConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One batch of a microbatch model: the event times [start, end) it replaces. Which batches a run
 * builds, as dbt 1.9+ chooses them: every batch from {@code begin} when the relation is new or
 * fully refreshed, else the current batch and {@code lookback} batches before it;
 * {@code --event-time-start/-end} override both ends; a batch starts while its start is before the end.
 */
record MicrobatchBatch(Instant start, Instant end, ChronoUnit size) {

    /** The {@code model} variable while a project is parsed: no batch yet, its bounds render empty. */
    static final Map<String, Object> PARSING = Map.of("batch", Map.of("event_time_start", "", "event_time_end", "", "id", ""));

    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss+00:00");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss+00:00");

    static List<MicrobatchBatch> of(MicrobatchConfig config, boolean rebuild, Instant now,
            Optional<Instant> eventTimeStart, Optional<Instant> eventTimeEnd) {
        ChronoUnit size = config.batchSize();
        // as dbt's MicrobatchBuilder: the end is the batch ceiling of --event-time-end or now, and a
        // later run starts lookback batches before the batch that end closes
        Instant end = ceiling(eventTimeEnd.orElse(now), size);
        Instant start = eventTimeStart.map(s -> truncate(s, size))
                .orElseGet(() -> rebuild ? truncate(config.begin(), size) : plus(end, size, -(config.lookback() + 1)));
        List<MicrobatchBatch> batches = new ArrayList<>();
        for (Instant s = start; s.isBefore(end); s = plus(s, size, 1)) {
            batches.add(new MicrobatchBatch(s, plus(s, size, 1), size));
        }
        return batches;
    }

    private static Instant ceiling(Instant time, ChronoUnit unit) {
        Instant floor = truncate(time, unit);
        return floor.equals(time) ? time : plus(floor, unit, 1);
    }

    static Instant truncate(Instant time, ChronoUnit unit) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC).truncatedTo(unit == ChronoUnit.HOURS ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        if (unit == ChronoUnit.MONTHS) {
            t = t.withDayOfMonth(1);
        } else if (unit == ChronoUnit.YEARS) {
            t = t.withDayOfYear(1);
        }
        return t.toInstant();
    }

    private static Instant plus(Instant time, ChronoUnit unit, long count) {
        return time.atZone(ZoneOffset.UTC).plus(count, unit).toInstant();
    }

    /** As dbt renders a batch bound in SQL and in {@code model.batch}: {@code 2026-12-04 00:00:00+00:00}. */
    static String sql(Instant time) {
        return SQL.format(time.atZone(ZoneOffset.UTC));
    }

    /** As run_results.json's {@code batch_results} lists it: {@code 2026-12-04T00:00:00+00:00}. */
    List<String> isoPair() {
        return List.of(ISO.format(start.atZone(ZoneOffset.UTC)), ISO.format(end.atZone(ZoneOffset.UTC)));
    }

    /** The {@code model} variable a batch renders with: {@code model.batch.event_time_start} / {@code _end} and {@code id}. */
    Map<String, Object> modelVariable() {
        return Map.of("batch", Map.of("event_time_start", sql(start), "event_time_end", sql(end), "id", id()));
    }

    /** dbt's batch id: the start as {@code 2026-12-04} (day), {@code 2026-12-04T16} (hour), {@code 2026-12}, {@code 2026}, without dashes. */
    String id() {
        String pattern = switch (size) {
            case YEARS -> "yyyy";
            case MONTHS -> "yyyyMM";
            case DAYS -> "yyyyMMdd";
            default -> "yyyyMMdd'T'HH";
        };
        return DateTimeFormatter.ofPattern(pattern).format(start.atZone(ZoneOffset.UTC));
    }

    /** The condition that selects the batch's rows of a relation by its event-time column. */
    String filter(String column) {
        return column + " >= '" + sql(start) + "' and " + column + " < '" + sql(end) + "'";
    }
}
