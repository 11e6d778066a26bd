package io.playstream.jobs;

import java.util.Optional;

/** Load, then transform, in one job: what an Airflow run or a person asks for. */
public record PipelineRequest(DataInterval interval, String selector, boolean fullRefresh) implements RunRequest {

    public static PipelineRequest of(DataInterval interval) {
        return new PipelineRequest(interval, null, false);
    }

    @Override
    public Class<PipelineJob> getJobRequestHandler() {
        return PipelineJob.class;
    }

    @Override
    public JobKind kind() {
        return JobKind.PIPELINE;
    }

    @Override
    public Optional<DataInterval> dataInterval() {
        return Optional.ofNullable(interval);
    }

    TransformRequest transformPart() {
        return new TransformRequest(selector, fullRefresh);
    }
}
