package io.playstream.app.run;

import io.playstream.jobs.PipelineStages;
import io.playstream.jobs.StageReport;
import io.playstream.stream.BronzeNotice;
import io.playstream.stream.KafkaNotices;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous mode: background threads that keep gold within seconds of the sink, beside JobRunr
 * and not through it (JobRunr's open-source server picks work up on its poll interval, which alone
 * would cost seconds per step). Two threads, so that loads never wait for a transform (loads
 * commit while transforms run; the dbt project is built for it):
 * <ul>
 * <li>the loader waits up to one tick for the sink's notices ({@link KafkaNotices}), takes every
 *     one that arrived, merged (work that came while the last load ran is one micro-batch now),
 *     loads just the announced keys with their watermarks ({@link PipelineStages#loadAnnounced}),
 *     under the warehouse's load lock and manifest, so a catch-up load, an API run or another
 *     instance loading the same objects is harmless; then marks the notices read;</li>
 * <li>the transformer, every tick, catches gold up ({@link PipelineStages#catchUp()}): transforms
 *     when any load batch, from the loader, the cron catch-up, the API or Airflow, is newer than
 *     what the last full transform read; else only moves gold's watermark; else does nothing.
 *     Batches that land while it runs are the next transform's, which starts as soon as it ends.</li>
 * </ul>
 * Transforms build the models only; the data tests run after the first one and then at most every
 * {@code testsEvery} ({@code pipeline.tests-every}), in a tests-only transform right after a
 * models-only one, so gold never waits for them; when models were built untested and the tests
 * fall due with nothing new, that transform runs too, so a failing test surfaces within the
 * cadence even when the stream stops.
 * Without notices (an app with no sink of its own, e.g. the API's tests) only the transformer runs.
 * A failing step is logged and tried again after a backoff; the loader reads its notices again.
 */
public final class MicroBatchLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The selector of a tests-only transform: the data tests, on the models as they stand. */
    static final String DATA_TESTS = "resource_type:test";

    private final PipelineStages stages;
    private final Optional<KafkaNotices.Reader> notices;
    private final Duration tick;
    private final Duration testsEvery;
    private final Thread loader;
    private final Thread transformer;
    private final Object idle = new Object();
    private final AtomicLong microBatches = new AtomicLong();
    private final AtomicLong transforms = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;
    /** The transformer's own: when the tests fall due, and whether a transform ran without them since. */
    private long testsDueAt = System.nanoTime();
    private boolean untested;

    private MicroBatchLoop(PipelineStages stages, Optional<KafkaNotices.Reader> notices, Duration tick, Duration testsEvery) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.tick = Objects.requireNonNull(tick, "tick");
        this.testsEvery = Objects.requireNonNull(testsEvery, "testsEvery");
        this.loader = new Thread(() -> loop(this::load, true), "micro-batch-load");
        this.transformer = new Thread(() -> loop(this::transform, false), "micro-batch-transform");
    }

    /**
     * Starts the loop; it owns {@code notices} and closes them.
     *
     * @param testsEvery how often transforms run the data tests; zero for every transform
     */
    public static MicroBatchLoop start(PipelineStages stages, Optional<KafkaNotices.Reader> notices, Duration tick,
            Duration testsEvery) {
        MicroBatchLoop loop = new MicroBatchLoop(stages, notices, tick, testsEvery);
        if (notices.isPresent()) {
            loop.loader.start();
        }
        loop.transformer.start();
        LOG.info("Micro-batch loop started(tick={} ms, tests every {} s, notices={})", tick.toMillis(), testsEvery.toSeconds(),
                notices.isPresent() ? "kafka" : "none");
        return loop;
    }

    private void loop(Runnable step, boolean rewindOnFailure) {
        int failed = 0;
        while (running) {
            try {
                step.run();
                failed = 0;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failed++;
                failures.incrementAndGet();
                Duration backoff = backoff(failed);
                LOG.warn("Micro-batch {} failed (attempt {}), next in {} ms: {}", Thread.currentThread().getName(), failed,
                        backoff.toMillis(), e.toString());
                if (rewindOnFailure) {
                    notices.ifPresent(KafkaNotices.Reader::rewind);
                }
                pause(backoff);
            }
        }
        if (rewindOnFailure) {
            notices.ifPresent(KafkaNotices.Reader::close);
        }
    }

    private void load() {
        BronzeNotice notice = notices.orElseThrow().poll(tick);
        if (!notice.isEmpty() && running) {
            StageReport loaded = stages.loadAnnounced(notice.keys(), notice.watermarks());
            notices.get().commit();
            if (loaded.loadedAnything()) {
                microBatches.incrementAndGet();
            }
        }
    }

    /**
     * Builds the models first, without the data tests, so gold and its watermark never wait for
     * them; when the tests fall due they run next, alone ({@value #DATA_TESTS}), so a failing test
     * still fails the step within the cadence. The tests read all of silver (unique on
     * stg_events.event_id alone took 10.8 s of a transform at 2M events), and in one build with the
     * models every gold model waited for them once a cadence.
     */
    private void transform() {
        boolean testsDue = System.nanoTime() - testsDueAt >= 0;
        StageReport caughtUp = stages.catchUp(false);
        boolean transformed = caughtUp.count(StageReport.NOTHING_NEW) == 0;
        untested |= transformed;
        if (testsDue) {
            // the tests alone, so batches that landed meanwhile wait for the next models-only build,
            // not for the tests; or on a quiet pipeline the catch-up's source freshness check
            caughtUp = untested ? stages.transform(Optional.of(DATA_TESTS), false) : stages.catchUp(true);
            transformed |= untested || caughtUp.count(StageReport.NOTHING_NEW) == 0;
            untested = false;
            // not again before the next period
            testsDueAt = System.nanoTime() + testsEvery.toNanos();
        }
        if (transformed) {
            transforms.incrementAndGet();
            LOG.debug("Micro-batch transform{}: {}", testsDue ? " with tests" : "", caughtUp.summary());
            // batches that landed while it ran are waiting already: look again at once, not a tick later
            return;
        }
        pause(tick);
    }

    private Duration backoff(int failed) {
        long millis = tick.toMillis() << Math.min(failed, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private void pause(Duration duration) {
        synchronized (idle) {
            try {
                if (running) {
                    idle.wait(Math.max(1, duration.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    public boolean isRunning() {
        return transformer.isAlive() && (notices.isEmpty() || loader.isAlive());
    }

    /** Micro-batches that loaded anything. */
    public long microBatches() {
        return microBatches.get();
    }

    /** Transforms the loop ran. */
    public long transforms() {
        return transforms.get();
    }

    /** Steps that failed (and were tried again). */
    public long failures() {
        return failures.get();
    }

    /** Lets the running steps end (a transform runs to its end), then stops. */
    @Override
    public void close() {
        running = false;
        notices.ifPresent(KafkaNotices.Reader::wakeup);
        synchronized (idle) {
            idle.notifyAll();
        }
        try {
            if (notices.isPresent()) {
                loader.join();
            }
            transformer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
