package io.playstream.jobs;

import java.util.Objects;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;

/**
 * When a follow-up transform leaves PROCESSING (succeeded, failed, or found orphaned after a
 * crash), enqueues the follow-up that loads attached to it meanwhile. JobRunr applies this after the
 * new state is saved, so a load that attaches a follow-up later sees the ended state and enqueues it
 * itself.
 */
public final class FollowUpPromotion implements ApplyStateFilter {

    private final FollowUpTransforms followUps;

    public FollowUpPromotion(PipelineRuns runs) {
        this.followUps = Objects.requireNonNull(runs, "runs").followUps();
    }

    @Override
    public void onStateApplied(Job job, JobState oldState, JobState newState) {
        if (oldState != null && oldState.getName() == StateName.PROCESSING && newState.getName() != StateName.PROCESSING
                && FollowUpTransforms.isFollowUp(job)) {
            followUps.promoteAfter(job.getId());
        }
    }
}
