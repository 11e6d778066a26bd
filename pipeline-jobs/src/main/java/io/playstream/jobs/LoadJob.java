package io.playstream.jobs;

import java.util.Objects;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads bronze. In scheduled mode, when that brought anything new, makes sure a transform follows
 * ({@link PipelineRuns#followUpIfBehind}); in continuous mode the micro-batch loop sees the new
 * batch within a tick and transforms, so no follow-up job is needed.
 */
public final class LoadJob implements JobRequestHandler<LoadRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(LoadJob.class);

    private final PipelineStages stages;
    private final PipelineRuns runs;
    private final boolean followUp;

    public LoadJob(PipelineStages stages, PipelineRuns runs, boolean followUp) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.followUp = followUp;
    }

    @Override
    public void run(LoadRequest request) {
        StageReport report = JobBoundary.run("load", () -> stages.load(request.dataInterval()));
        LOG.info("Load(interval={}) done: {}", request.dataInterval().map(Object::toString).orElse("all"), report.summary());
        if (followUp && report.loadedAnything()) {
            runs.followUpIfBehind(stages.completeness());
        }
    }
}
