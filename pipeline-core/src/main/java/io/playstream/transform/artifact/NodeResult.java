package io.playstream.transform.artifact;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one node, as dbt's run_results.json records it.
 *
 * @param status dbt's status: {@code success}, {@code error}, {@code skipped} for models;
 *               {@code pass}, {@code fail}, {@code warn}, {@code error}, {@code skipped} for tests
 * @param message the adapter's message ({@code SELECT 25}) or the failure
 * @param rowsAffected rows written, or -1 when not counted
 * @param failures failing rows of a test, or null for models
 * @param compiledSql the SQL run, or null when the node was skipped
 */
public record NodeResult(String uniqueId, String resourceType, String name, String status, String message,
        long rowsAffected, Long failures, Instant startedAt, Instant completedAt, String compiledSql, String relationName) {

    public NodeResult {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    public double executionSeconds() {
        return (completedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }

    /** Whether this node makes the run fail. */
    public boolean failed() {
        return status.equals("error") || status.equals("fail");
    }
}
