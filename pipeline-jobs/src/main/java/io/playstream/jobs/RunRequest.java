package io.playstream.jobs;

import java.util.Optional;
import org.jobrunr.jobs.lambdas.JobRequest;

/** The arguments of one run: plain data that JobRunr stores as JSON and any instance can run. */
public sealed interface RunRequest extends JobRequest permits LoadRequest, TransformRequest, PipelineRequest, FollowUpRequest {

    JobKind kind();

    /** The data interval the run is keyed on, when it has one (transforms have none). */
    default Optional<DataInterval> dataInterval() {
        return Optional.empty();
    }

    /** The name shown in the JobRunr dashboard. */
    default String displayName() {
        return kind().wireName() + dataInterval().map(i -> " " + i).orElse("");
    }
}
