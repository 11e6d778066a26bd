package io.playstream.transform;

/**
 * A node's status as run_results.json records it: dbt's {@code RunStatus} for models, seeds,
 * snapshots and operations, its {@code TestStatus} for data and unit tests.
 */
public enum NodeStatus {
    SUCCESS("success"), ERROR("error"), SKIPPED("skipped"), PARTIAL_SUCCESS("partial success"),
    PASS("pass"), FAIL("fail"), WARN("warn");

    private final String dbtName;

    NodeStatus(String dbtName) {
        this.dbtName = dbtName;
    }

    /** The name in dbt's artifacts and log, e.g. {@code partial success}. */
    public String dbtName() {
        return dbtName;
    }

    /** Whether a node with this status makes the run fail. */
    public boolean failed() {
        return this == ERROR || this == FAIL || this == PARTIAL_SUCCESS;
    }

    @Override
    public String toString() {
        return dbtName;
    }
}
