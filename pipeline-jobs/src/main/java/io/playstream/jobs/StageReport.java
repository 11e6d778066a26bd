package io.playstream.jobs;

import java.util.Map;
import java.util.Objects;

/**
 * What one stage did: its name, counts by name (e.g. {@value #OBJECTS_LOADED}) and one line for
 * people. The counts named here are the contract between a stage and the jobs that react to it.
 */
public record StageReport(String stage, Map<String, Long> counts, String summary) {

    /** Bronze objects newly loaded (or reloaded because their checksum changed). */
    public static final String OBJECTS_LOADED = "objects_loaded";
    /** Rows newly loaded into bronze. */
    public static final String ROWS_LOADED = "rows_loaded";
    /** 1 when a stage found nothing to do (a catch-up with gold up to date). */
    public static final String NOTHING_NEW = "nothing_new";

    public StageReport {
        Objects.requireNonNull(stage, "stage");
        counts = Map.copyOf(Objects.requireNonNull(counts, "counts"));
        summary = summary == null ? "" : summary;
    }

    /** The count of that name, 0 when the stage did not report it. */
    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** Whether a load brought anything new, so that a transform is worth running after it. */
    public boolean loadedAnything() {
        return count(OBJECTS_LOADED) > 0 || count(ROWS_LOADED) > 0;
    }
}
