package io.playstream.jobs;

import java.util.Map;
import java.util.Objects;
import org.jobrunr.server.JobActivator;

/**
 * Hands JobRunr the job handlers, bound to this instance's stages. JobRunr stores only the request
 * (plain data); the handler that runs it comes from here, so no code travels through the store.
 */
public final class PipelineJobActivator implements JobActivator {

    private final Map<Class<?>, Object> handlers;

    /** @param followUpLoads whether a load that brought rows sets off a follow-up transform (scheduled mode) */
    public PipelineJobActivator(PipelineStages stages, PipelineRuns runs, boolean followUpLoads) {
        Objects.requireNonNull(stages, "stages");
        this.handlers = Map.of(
                LoadJob.class, new LoadJob(stages, runs, followUpLoads),
                TransformJob.class, new TransformJob(stages),
                FollowUpJob.class, new FollowUpJob(stages, runs),
                PipelineJob.class, new PipelineJob(stages));
    }

    @Override
    public <T> T activateJob(Class<T> type) {
        Object handler = handlers.get(type);
        if (handler == null) {
            throw new IllegalArgumentException("no Playstream job handler for " + type.getName());
        }
        return type.cast(handler);
    }
}
