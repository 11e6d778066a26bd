package io.playstream.jobs;

import java.util.Optional;

/**
 * The seam between the jobs and pipeline-core: the stages a job may run. The application binds it
 * to the bronze loader and the transform runner. Both operations must be idempotent (the loader
 * skips objects already in its manifest; the runner's models are incremental or rebuilt), because
 * a job may run them again after a crash or a retry.
 *
 * <p>Failures are {@link io.playstream.PlaystreamException}s: {@code PERMANENT} ones (bad
 * configuration, a failing data test) fail the job at once; {@code RETRIABLE} ones and any other
 * exception are retried with backoff.
 */
public interface PipelineStages {

    /** Loads bronze objects not loaded yet; only those whose hour falls in {@code interval} when present. */
    StageReport load(Optional<DataInterval> interval);

    /** Runs the transform project, only the models that {@code selector} picks when present. */
    StageReport transform(Optional<String> selector, boolean fullRefresh);
}
