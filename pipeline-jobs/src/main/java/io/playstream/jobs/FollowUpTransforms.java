package io.playstream.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.ConcurrentJobModificationException;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.Paging;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transforms that follow loads, coalesced: at most one waits at a time. A transform is
 * incremental over every load batch silver has not seen, so one that starts after several loads
 * committed covers them all. After a load commits:
 * <ul>
 * <li>a follow-up that has not started yet (ENQUEUED, or SCHEDULED) will read after this commit:
 *     nothing to add;</li>
 * <li>else, if a follow-up is running, it may have read before this commit: one follow-up is
 *     attached to it, SCHEDULED (keyed on the running one's id, so every load during that run finds
 *     the same job) and enqueued when the running one leaves PROCESSING ({@link FollowUpPromotion}),
 *     so it never waits for the transform lock inside a worker while loads need one;</li>
 * <li>else one follow-up is enqueued, keyed on the load job's id, so a retried load finds it there.</li>
 * </ul>
 * The attached follow-up is also scheduled {@link #SAFETY_NET} ahead: should the promotion be lost
 * (a crash between the running transform's end and the promotion), it starts anyway.
 * Transforms asked for through the API are not follow-ups: they are neither counted nor coalesced.
 */
final class FollowUpTransforms {

    /** The JobRunr label of follow-up transforms (shown in the dashboard too). */
    static final String LABEL = "follow-up";
    static final Duration SAFETY_NET = Duration.ofMinutes(2);
    /** More follow-ups than this never exist at once; the listings read beyond it only to be sure. */
    private static final int LISTING_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FollowUpTransforms.class);

    private final JobRequestScheduler scheduler;
    private final StorageProvider storage;

    FollowUpTransforms(JobRequestScheduler scheduler, StorageProvider storage) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** The id of the follow-up keyed on {@code jobId}: a load's own, or the one after a running transform. */
    static UUID idAfter(UUID jobId) {
        return UUID.nameUUIDFromBytes(("transform-after:" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    static boolean isFollowUp(Job job) {
        return job.getLabels() != null && job.getLabels().contains(LABEL);
    }

    /**
     * Called by a load whose rows are committed. Synchronized so that loads finishing together in
     * this instance make one decision after the other; across instances, two loads finishing in the
     * same few milliseconds may each enqueue one (two transforms, never a pile).
     */
    synchronized void requestAfterLoad(UUID loadJobId) {
        if (!followUpsIn(StateName.ENQUEUED, StateName.SCHEDULED).isEmpty()) {
            LOG.debug("Load {}: a follow-up transform is waiting already and will read its rows", loadJobId);
            return;
        }
        Optional<Job> running = followUpsIn(StateName.PROCESSING).stream().min(Comparator.comparing(Job::getId));
        if (running.isEmpty()) {
            create(idAfter(loadJobId), Optional.empty());
            return;
        }
        UUID runningId = running.get().getId();
        UUID next = idAfter(runningId);
        create(next, Optional.of(SAFETY_NET));
        // the running one may have ended before the job above existed, and promoted nothing
        if (!stateOf(runningId).map(StateName.PROCESSING::equals).orElse(false)) {
            promoteAfter(runningId);
        }
    }

    /** Enqueues the follow-up attached to the transform {@code transformId}, if it exists and has not run yet. */
    void promoteAfter(UUID transformId) {
        UUID next = idAfter(transformId);
        try {
            Job job = storage.getJobById(next);
            if (job.getState() == StateName.SCHEDULED && job.getJobStates().size() == 1) {
                job.enqueue();
                storage.save(job);
                LOG.info("Follow-up transform {} enqueued: transform {} has ended", next, transformId);
            }
        } catch (JobNotFoundException e) {
            // no load committed while that transform ran: nothing to do
        } catch (ConcurrentJobModificationException e) {
            LOG.debug("Follow-up transform {} was moved on by someone else", next);
        }
    }

    private void create(UUID id, Optional<Duration> delay) {
        JobBuilder job = JobBuilder.aJob().withId(id).withName("transform (after load)").withLabels(LABEL)
                .withJobRequest(TransformRequest.all());
        delay.ifPresent(job::scheduleIn);
        scheduler.create(job);
    }

    private List<Job> followUpsIn(StateName... states) {
        return Stream.of(states)
                .flatMap(state -> storage.getJobList(state, Paging.AmountBasedList.ascOnUpdatedAt(LISTING_LIMIT)).stream())
                .filter(FollowUpTransforms::isFollowUp)
                .toList();
    }

    private Optional<StateName> stateOf(UUID id) {
        try {
            return Optional.of(storage.getJobById(id).getState());
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
    }
}
