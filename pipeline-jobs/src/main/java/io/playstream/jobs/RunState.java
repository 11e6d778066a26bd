package io.playstream.jobs;

import org.jobrunr.jobs.states.StateName;

/**
 * A run's state as the API shows it. JobRunr's finer states fold in: a job waiting for its retry
 * (SCHEDULED) is ENQUEUED again, a deleted one counts as FAILED.
 */
public enum RunState {
    ENQUEUED,
    PROCESSING,
    SUCCEEDED,
    FAILED;

    static RunState of(StateName state) {
        return switch (state) {
            case AWAITING, SCHEDULED, ENQUEUED -> ENQUEUED;
            case PROCESSING -> PROCESSING;
            case SUCCEEDED -> SUCCEEDED;
            case FAILED, DELETED -> FAILED;
        };
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
