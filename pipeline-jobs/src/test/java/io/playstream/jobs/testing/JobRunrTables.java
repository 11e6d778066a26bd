package io.playstream.jobs.testing;

import io.playstream.testing.ScratchPostgres;
import java.util.UUID;

/**
 * What JobRunr's own tables in a PostgreSQL job store hold ({@code jobrunr_jobs}, JobRunr's default
 * table prefix): the scheduler's view of the runs, to set beside the warehouse's.
 */
public final class JobRunrTables {

    private final ScratchPostgres jobStore;

    public JobRunrTables(ScratchPostgres jobStore) {
        this.jobStore = jobStore;
    }

    /** Every job in the store, whatever its state. */
    public long jobs() {
        return jobStore.number("select count(*) from jobrunr_jobs");
    }

    /** The jobs of that id: 0 or 1, since the id is the table's key. */
    public long jobsWithId(UUID id) {
        return jobStore.number("select count(*) from jobrunr_jobs where id = '" + id + "'");
    }

    /** The jobs a recurring job created that ended SUCCEEDED. */
    public long succeededRunsOf(String recurringJobId) {
        return jobStore.number("select count(*) from jobrunr_jobs where recurringjobid = '" + recurringJobId
                + "' and state = 'SUCCEEDED'");
    }

    /** The transforms (asked for, or follow-ups) that wait to start: ENQUEUED, or SCHEDULED (a retry). */
    public long waitingTransforms() {
        return jobStore.number("select count(*) from jobrunr_jobs where state in ('ENQUEUED', 'SCHEDULED') " + TRANSFORMS);
    }

    /** The transforms waiting or running. */
    public long waitingOrRunningTransforms() {
        return jobStore.number("select count(*) from jobrunr_jobs where state in ('ENQUEUED', 'SCHEDULED', 'PROCESSING') "
                + TRANSFORMS);
    }

    private static final String TRANSFORMS = "and (jobsignature like 'io.playstream.jobs.TransformJob.%'"
            + " or jobsignature like 'io.playstream.jobs.FollowUpJob.%')";
}
