package io.playstream.jobs;

import java.util.Objects;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads bronze; when that brought anything new, makes sure a transform follows (coalesced with other loads'). */
public final class LoadJob implements JobRequestHandler<LoadRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(LoadJob.class);

    private final PipelineStages stages;
    private final PipelineRuns runs;

    public LoadJob(PipelineStages stages, PipelineRuns runs) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    @Override
    public void run(LoadRequest request) {
        StageReport report = JobBoundary.run("load", () -> stages.load(request.dataInterval()));
        LOG.info("Load(interval={}) done: {}", request.dataInterval().map(Object::toString).orElse("all"), report.summary());
        if (report.loadedAnything()) {
            // idempotent: a retry of this load finds the follow-up waiting, or creates the same job id again (a no-op)
            runs.enqueueTransformAfter(jobContext().getJobId());
        }
    }
}
