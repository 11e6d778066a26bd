package io.playstream.transform;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one node, as dbt's run_results.json records it.
 *
 * @param status dbt's status: success, error, skipped (or partial success) for models;
 *               pass, fail, warn, error, skipped for tests.
 *               A reused node is a {@code success} (a model) or {@code pass} (a test) with the
 *               message {@link #REUSED}: its relation is current and its last result stands, while
 *               dbt's {@code skipped} means "not run because something upstream failed", which
 *               tools reading run_results.json count as a problem
 * @param message the adapter's message ({@code SELECT 25}) or the failure; {@link #REUSED} for a reused node
 * @param rowsAffected rows written, or -1 when not counted
 * @param failures failing rows of a test, or null for models
 * @param compiledSql the SQL run, or null when the node was skipped
 * @param batchResults a microbatch model's batches, else null
 */
public record NodeResult(String uniqueId, String resourceType, String name, NodeStatus status, String message,
        long rowsAffected, Long failures, Instant startedAt, Instant completedAt, String compiledSql, String relationName,
        BatchResults batchResults) {

    /** The message of a node that was not built or run since nothing it reads changed since its last success. */
    public static final String REUSED = "reused: no new input since its last build";

    public NodeResult(String uniqueId, String resourceType, String name, NodeStatus status, String message,
            long rowsAffected, Long failures, Instant startedAt, Instant completedAt, String compiledSql, String relationName) {
        this(uniqueId, resourceType, name, status, message, rowsAffected, failures, startedAt, completedAt, compiledSql,
                relationName, null);
    }

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

    /** Whether the node was reused instead of built or run. */
    public boolean reused() {
        return REUSED.equals(message);
    }

    /** Whether this node makes the run fail. */
    public boolean failed() {
        return status.failed();
    }
}
