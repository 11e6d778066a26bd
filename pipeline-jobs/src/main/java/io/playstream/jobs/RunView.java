package io.playstream.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ProcessingState;

/**
 * One run as the API reports it, read from JobRunr's job store.
 *
 * @param reason   why the last attempt failed (the exception's message, never a stack trace), when it did
 * @param attempts how many times the job started processing: more than one means it was retried
 */
public record RunView(UUID runId, RunRequest request, RunState state, Optional<String> reason,
                      Instant createdAt, Instant updatedAt, long attempts) {

    public RunView {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    static boolean isRun(Job job) {
        var parameters = job.getJobDetails().getJobParameters();
        return parameters.size() == 1 && parameters.get(0).getObject() instanceof RunRequest;
    }

    static RunView of(Job job) {
        RunRequest request = (RunRequest) job.getJobDetails().getJobParameters().get(0).getObject();
        Optional<String> reason = job.getLastJobStateOfType(FailedState.class)
                .map(f -> f.getExceptionMessage() == null ? f.getMessage() : f.getExceptionMessage());
        return new RunView(job.getId(), request, RunState.of(job.getState()), reason,
                job.getCreatedAt(), job.getUpdatedAt(), job.getJobStatesOfType(ProcessingState.class).count());
    }

    public JobKind kind() {
        return request.kind();
    }
}
