package io.playstream.jobs;

import java.util.Objects;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load then transform in one job. The transform runs even when the load found nothing new, since
 * whoever asked for a pipeline run wants gold rebuilt; both stages are idempotent, so a retry after
 * a failed transform reloads nothing and transforms again.
 */
public final class PipelineJob implements JobRequestHandler<PipelineRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);

    private final PipelineStages stages;

    public PipelineJob(PipelineStages stages) {
        this.stages = Objects.requireNonNull(stages, "stages");
    }

    @Override
    public void run(PipelineRequest request) {
        StageReport loaded = JobBoundary.run("load", () -> stages.load(request.dataInterval()));
        TransformRequest transform = request.transformPart();
        StageReport transformed = JobBoundary.run("transform",
                () -> stages.transform(transform.selection(), transform.fullRefresh()));
        LOG.info("Pipeline(interval={}) done: load: {}; transform: {}",
                request.dataInterval().map(Object::toString).orElse("all"), loaded.summary(), transformed.summary());
    }
}
