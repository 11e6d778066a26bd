package io.playstream.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import io.playstream.warehouse.Completeness;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.RecurringJobBuilder;
import org.jobrunr.scheduling.ScheduleExpressionType;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;

/**
 * Starts and finds runs. A run's id is derived from its idempotency key, and JobRunr saves a job
 * whose id already exists as a no-op ("Skipped Job with id ... as it already exists"), so the same
 * key yields one job however many times, and from however many threads or instances, it is posted.
 */
public final class PipelineRuns {

    /** The id of the recurring load in the job store: one schedule, shared by every instance. */
    public static final String RECURRING_LOAD_ID = "playstream-load";

    private final JobRequestScheduler scheduler;
    private final StorageProvider storage;

    public PipelineRuns(JobRequestScheduler scheduler, StorageProvider storage) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** The run id for an idempotency key: a name-based UUID, the same on every instance. */
    public static UUID runIdFor(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotency_key is required (a non-empty string)");
        }
        return UUID.nameUUIDFromBytes(("playstream-run:" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Enqueues the run unless a job with that id exists already; returns the id either way. */
    public UUID submit(UUID runId, RunRequest request) {
        scheduler.create(JobBuilder.aJob().withId(runId).withName(request.displayName()).withJobRequest(request));
        return runId;
    }

    /** The run of that id, if the job store has it (and it is a Playstream run, not some other job). */
    public Optional<RunView> find(UUID runId) {
        try {
            return Optional.of(storage.getJobById(runId)).filter(RunView::isRun).map(RunView::of);
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The most recent runs, newest created first: {@code limit} of them after the first
     * {@code offset}, of every state or of {@code state} only. JobRunr's storage lists jobs one
     * state at a time, so each state gives its newest {@code offset + limit} and they are merged;
     * deep pages cost more, which is why the API bounds the offset.
     */
    public List<RunView> recent(Optional<RunState> state, long offset, int limit) {
        int wanted = Math.toIntExact(offset + limit);
        AmountRequest newest = new AmountRequest("createdAt:DESC", wanted);
        List<RunState> states = state.map(List::of).orElse(List.of(RunState.values()));
        return states.stream()
                .flatMap(s -> s.jobRunrStates().stream())
                .flatMap(name -> storage.getJobList(name, newest).stream())
                .filter(RunView::isRun)
                .map(RunView::of)
                .sorted(Comparator.comparing(RunView::createdAt).reversed().thenComparing(RunView::runId))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    /**
     * In scheduled mode, after a load committed rows: makes sure a follow-up transform will read
     * them, through JobRunr's public API only. The follow-up's id is keyed on the last load batch
     * that gold covered ({@code snapshot}, read after the load committed): loads that commit before
     * the next full transform records its coverage all name the same follow-up, and JobRunr saves a
     * job whose id exists as a no-op, so they coalesce into one. One that starts after a load
     * committed reads its rows; one already running may not have, so when it ends it calls this
     * again and, gold still behind, a follow-up keyed on its own coverage starts. So at most one
     * follow-up runs and one waits, on any number of instances.
     */
    public void followUpIfBehind(Completeness.Snapshot snapshot) {
        if (!snapshot.goldBehind()) {
            return;
        }
        scheduler.create(JobBuilder.aJob().withId(followUpId(snapshot)).withName("transform (after load)")
                .withLabels(FollowUpRequest.LABEL).withJobRequest(new FollowUpRequest()));
    }

    /** The id of the follow-up transform for the gold coverage of {@code snapshot}. */
    public static UUID followUpId(Completeness.Snapshot snapshot) {
        return UUID.nameUUIDFromBytes(("transform-after:" + snapshot.goldCovered().map(Object::toString).orElse("nothing"))
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Registers (or replaces) the recurring load. JobRunr skips a due run while the previous one of
     * the same recurring job is still scheduled, enqueued or processing, so slow loads never stack.
     */
    public String scheduleRecurringLoad(String scheduleExpression) {
        validateSchedule(scheduleExpression);
        return scheduler.createRecurrently(RecurringJobBuilder.aRecurringJob()
                .withId(RECURRING_LOAD_ID)
                .withName("load (recurring, " + scheduleExpression + ")")
                .withScheduleExpression(scheduleExpression)
                .withJobRequest(new LoadRequest(null)));
    }

    /**
     * Removes the recurring load, if any. JobRunr keeps recurring jobs in its store across restarts,
     * so an instance started with the schedule switched off must remove it, or loads go on. A run
     * the schedule had already created (JobRunr creates each one a little before it is due) still
     * runs, once.
     */
    public void unscheduleRecurringLoad() {
        scheduler.deleteRecurringJob(RECURRING_LOAD_ID);
    }

    /** The recurring job's id of a run, when a schedule made it. */
    public Optional<String> recurringIdOf(UUID runId) {
        try {
            return storage.getJobById(runId).getRecurringJobId();
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Fails unless the expression is a cron expression or an ISO-8601 duration JobRunr accepts. */
    public static void validateSchedule(String expression) {
        try {
            ScheduleExpressionType.createScheduleFromString(Objects.requireNonNull(expression, "schedule"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cron expression (e.g. '0 * * * *') or ISO-8601 duration (e.g. 'PT1H'): '"
                    + expression + "'", e);
        }
    }
}
