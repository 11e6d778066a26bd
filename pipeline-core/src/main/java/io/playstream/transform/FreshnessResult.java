package io.playstream.transform;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One source table's freshness, as dbt's sources.json records it.
 *
 * @param status pass, warn, error, or runtime error when it could not be measured
 * @param maxLoadedAt the newest {@code loaded_at_field} value (UTC), null on a runtime error
 * @param criteria the {@code freshness:} thresholds as declared
 * @param error what went wrong, for a runtime error
 */
public record FreshnessResult(String uniqueId, FreshnessStatus status, Instant maxLoadedAt, Instant snapshottedAt,
        Map<String, Object> criteria, String error, Instant startedAt, Instant completedAt) {

    public FreshnessResult {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(status, "status");
        criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
    }

    public double ageSeconds() {
        return (snapshottedAt.toEpochMilli() - maxLoadedAt.toEpochMilli()) / 1000.0;
    }

    /** Whether the source breaks its {@code error_after} (or could not be measured): the run fails, as in dbt. */
    public boolean failed() {
        return status.failed();
    }
}
