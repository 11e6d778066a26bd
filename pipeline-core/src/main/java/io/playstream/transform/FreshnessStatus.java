package io.playstream.transform;

/** A source's freshness status as sources.json records it (dbt's {@code FreshnessStatus}). */
public enum FreshnessStatus {
    PASS("pass"), WARN("warn"), ERROR("error"), RUNTIME_ERROR("runtime error");

    private final String dbtName;

    FreshnessStatus(String dbtName) {
        this.dbtName = dbtName;
    }

    /** The name in dbt's sources.json, e.g. {@code runtime error}. */
    public String dbtName() {
        return dbtName;
    }

    /** Whether the source breaks its {@code error_after} or could not be measured: the run fails, as in dbt. */
    public boolean failed() {
        return this == ERROR || this == RUNTIME_ERROR;
    }

    @Override
    public String toString() {
        return dbtName;
    }
}
