package io.playstream.jobs;

import java.util.Objects;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches gold up with the loads ({@link PipelineStages#catchUp()}), then looks again: loads that
 * committed while it ran may not have been read, and they found this job already there, so it
 * sets off the next follow-up itself ({@link PipelineRuns#followUpIfBehind}).
 */
public final class FollowUpJob implements JobRequestHandler<FollowUpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpJob.class);

    private final PipelineStages stages;
    private final PipelineRuns runs;

    public FollowUpJob(PipelineStages stages, PipelineRuns runs) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    @Override
    public void run(FollowUpRequest request) {
        StageReport report = JobBoundary.run("transform", stages::catchUp);
        LOG.info("Follow-up transform done: {}", report.summary());
        runs.followUpIfBehind(stages.completeness());
    }
}
