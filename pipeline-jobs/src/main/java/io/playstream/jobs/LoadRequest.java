package io.playstream.jobs;

import java.util.Optional;

/** Load bronze objects into the warehouse; {@code interval} null means every object not loaded yet. */
public record LoadRequest(DataInterval interval) implements RunRequest {

    @Override
    public Class<LoadJob> getJobRequestHandler() {
        return LoadJob.class;
    }

    @Override
    public JobKind kind() {
        return JobKind.LOAD;
    }

    @Override
    public Optional<DataInterval> dataInterval() {
        return Optional.ofNullable(interval);
    }
}
