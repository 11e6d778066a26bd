package io.playstream.jobs;

import java.util.List;
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

    /** JobRunr's states that fold into this one. */
    List<StateName> jobRunrStates() {
        return switch (this) {
            case ENQUEUED -> List.of(StateName.AWAITING, StateName.SCHEDULED, StateName.ENQUEUED);
            case PROCESSING -> List.of(StateName.PROCESSING);
            case SUCCEEDED -> List.of(StateName.SUCCEEDED);
            case FAILED -> List.of(StateName.FAILED, StateName.DELETED);
        };
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
