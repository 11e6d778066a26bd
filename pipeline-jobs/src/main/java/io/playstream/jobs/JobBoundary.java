package io.playstream.jobs;

import io.playstream.Failures;
import io.playstream.PlaystreamException;
import java.util.function.Supplier;
import org.jobrunr.JobRunrException;

/**
 * Where a stage's failure becomes JobRunr's business, sorted by {@link Failures}. A transient one
 * passes through and JobRunr retries it with backoff. A permanent or an unknown one is rethrown as a
 * {@link JobRunrException} flagged "do not retry": JobRunr records that flag in the job's
 * {@code FailedState} and its {@code RetryFilter} leaves the job FAILED at once, with the reason
 * (and, for an unknown failure, that it was not retried because it is not known to pass) in the
 * dashboard.
 */
final class JobBoundary {

    private JobBoundary() {
    }

    static StageReport run(String stage, Supplier<StageReport> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            PlaystreamException.Kind kind = Failures.classify(e);
            switch (kind) {
                case TRANSIENT:
                    throw e;
                case PERMANENT:
                    throw new JobRunrException(stage + " failed permanently: " + e.getMessage(), true, e);
                default:
                    throw new JobRunrException(Failures.message(kind, stage + " failed: " + e), true, e);
            }
        }
    }
}
