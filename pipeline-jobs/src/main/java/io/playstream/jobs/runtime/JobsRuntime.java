package io.playstream.jobs.runtime;

import io.playstream.jobs.PipelineJobActivator;
import io.playstream.jobs.PipelineRuns;
import io.playstream.jobs.PipelineStages;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jobrunr.jobs.filters.JobFilter;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JobRunr instance: job store, background job server, scheduler and dashboard, built without
 * JobRunr's static facade so that two instances can share a JVM (the multi-instance tests do).
 */
public final class JobsRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobsRuntime.class);

    private final JobStore store;
    private final BackgroundJobServer server;
    private final PipelineRuns runs;
    private final LoopbackDashboard dashboard;

    private JobsRuntime(JobStore store, BackgroundJobServer server, PipelineRuns runs, LoopbackDashboard dashboard) {
        this.store = store;
        this.server = server;
        this.runs = runs;
        this.dashboard = dashboard;
    }

    /**
     * Opens the store, starts the background job server running {@code stages}, and the dashboard
     * when its port is not negative. {@code filters} see every job (e.g. metrics).
     */
    public static JobsRuntime start(JobsSettings settings, PipelineStages stages, List<? extends JobFilter> filters) {
        JobStore store = JobStore.open(settings);
        try {
            JsonMapper json = new JacksonJsonMapper();
            store.provider().setJobMapper(new JobMapper(json));
            List<JobFilter> allFilters = new ArrayList<>(filters);
            // JobRunr keeps only the last ElectStateFilter: this one replaces its default RetryFilter(10, 3)
            allFilters.add(new RetryFilter(settings.retries(), settings.backoffSeed()));
            PipelineRuns runs = new PipelineRuns(new JobRequestScheduler(store.provider(), allFilters), store.provider());
            BackgroundJobServer server = new BackgroundJobServer(store.provider(), json,
                    new PipelineJobActivator(stages, runs, settings.followUpLoads()),
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andPollInterval(settings.pollInterval())
                            .andWorkerCount(settings.workers()));
            server.setJobFilters(allFilters);
            server.start();
            LoopbackDashboard dashboard = settings.dashboardPort() < 0 ? null
                    : LoopbackDashboard.start(settings.dashboardHost(), settings.dashboardPort(), store.provider(), json);
            LOG.info("JobRunr started: {}", settings);
            return new JobsRuntime(store, server, runs, dashboard);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public PipelineRuns runs() {
        return runs;
    }

    /** Whether the background job server runs and the job store answers. */
    public boolean isHealthy() {
        try {
            store.provider().getJobStats();
            return server.isRunning();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Where the dashboard listens, when it was started. */
    public Optional<InetSocketAddress> dashboardAddress() {
        return Optional.ofNullable(dashboard).map(LoopbackDashboard::address);
    }

    /** Stops taking jobs, waits for running ones (JobRunr interrupts them after its grace period), closes the store. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            if (dashboard != null) {
                dashboard.close();
            }
            store.close();
        }
    }
}
