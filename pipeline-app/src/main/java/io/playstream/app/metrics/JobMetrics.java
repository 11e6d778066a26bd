package io.playstream.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.playstream.PlaystreamException;
import io.playstream.jobs.JobKind;
import java.time.Duration;
import java.time.Instant;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.jobrunr.jobs.states.ProcessingState;

/**
 * A JobRunr server filter that times every job attempt ({@code playstream_job_duration_seconds},
 * by job and outcome) and counts failures ({@code playstream_job_failures_total}, by job and
 * whether a retry may help). Stage metrics (rows loaded, models built) are bound by the stages.
 */
public final class JobMetrics implements JobServerFilter {

    private final MeterRegistry registry;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onProcessingSucceeded(Job job) {
        timer(job, "succeeded").record(elapsed(job));
    }

    @Override
    public void onProcessingFailed(Job job, Exception e) {
        timer(job, "failed").record(elapsed(job));
        Counter.builder("playstream.job.failures")
                .description("Job attempts that failed")
                .tag("job", jobName(job))
                .tag("kind", isPermanent(e) ? "permanent" : "retriable")
                .register(registry)
                .increment();
    }

    private Timer timer(Job job, String outcome) {
        return Timer.builder("playstream.job.duration")
                .description("Time one job attempt took")
                .tag("job", jobName(job))
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Duration elapsed(Job job) {
        Instant started = job.getLastJobStateOfType(ProcessingState.class).map(ProcessingState::getCreatedAt).orElse(Instant.now());
        return Duration.between(started, Instant.now());
    }

    private static boolean isPermanent(Exception e) {
        return e instanceof JobRunrException j && j.isProblematicAndDoNotRetry()
                || e instanceof PlaystreamException p && !p.isRetriable();
    }

    /** The job's kind from its name ("load ...", "transform", "pipeline [..)"): cheap, no parameter deserialisation. */
    private static String jobName(Job job) {
        String name = job.getJobName() == null ? "" : job.getJobName().strip();
        int space = name.indexOf(' ');
        String first = space < 0 ? name : name.substring(0, space);
        for (JobKind kind : JobKind.values()) {
            if (kind.wireName().equals(first)) {
                return first;
            }
        }
        return "other";
    }
}
