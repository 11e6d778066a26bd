package io.playstream.transform;

/** A source's freshness status as sources.json records it (dbt's {@code FreshnessStatus}). */
public enum FreshnessStatus {
    PASS("pass", "PASS"), WARN("warn", "WARN"), ERROR("error", "ERROR STALE"), RUNTIME_ERROR("runtime error", "ERROR");

    private final String dbtName;
    private final String logLabel;

    FreshnessStatus(String dbtName, String logLabel) {
        this.dbtName = dbtName;
        this.logLabel = logLabel;
    }

    /**
     * How dbt's log line names it ({@code LogFreshnessResult}): {@code ERROR STALE} for a source past
     * error_after, {@code ERROR} for one that could not be measured.
     */
    public String logLabel() {
        return logLabel;
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
