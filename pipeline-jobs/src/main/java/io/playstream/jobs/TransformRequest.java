package io.playstream.jobs;

import java.util.Optional;

/** Run the transform project; {@code selector} null means every model. */
public record TransformRequest(String selector, boolean fullRefresh) implements RunRequest {

    /** Every model, incrementally: what follows a load. */
    public static TransformRequest all() {
        return new TransformRequest(null, false);
    }

    @Override
    public Class<TransformJob> getJobRequestHandler() {
        return TransformJob.class;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRANSFORM;
    }

    Optional<String> selection() {
        return Optional.ofNullable(selector).filter(s -> !s.isBlank());
    }
}
