package io.playstream.jobs;

import java.util.Objects;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the transform project (silver, then gold, then the data tests). */
public final class TransformJob implements JobRequestHandler<TransformRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(TransformJob.class);

    private final PipelineStages stages;

    public TransformJob(PipelineStages stages) {
        this.stages = Objects.requireNonNull(stages, "stages");
    }

    @Override
    public void run(TransformRequest request) {
        StageReport report = JobBoundary.run("transform", () -> stages.transform(request.selection(), request.fullRefresh()));
        LOG.info("Transform(select={}, fullRefresh={}) done: {}", request.selection().orElse("all"), request.fullRefresh(), report.summary());
    }
}
