package io.playstream.jobs;

import io.playstream.PlaystreamException;
import java.util.function.Supplier;
import org.jobrunr.JobRunrException;

/**
 * Where a stage's failure becomes JobRunr's business. A permanent {@link PlaystreamException} is
 * rethrown as a {@link JobRunrException} flagged "do not retry": JobRunr records that flag in the
 * job's {@code FailedState} and its {@code RetryFilter} leaves the job FAILED at once, with the
 * reason in the dashboard. Retriable and unknown failures pass through and are retried with backoff.
 */
final class JobBoundary {

    private JobBoundary() {
    }

    static StageReport run(String stage, Supplier<StageReport> work) {
        try {
            return work.get();
        } catch (PlaystreamException e) {
            if (e.isRetriable()) {
                throw e;
            }
            throw new JobRunrException(stage + " failed permanently: " + e.getMessage(), true, e);
        }
    }
}
