package io.playstream.app.run;

import io.playstream.jobs.PipelineStages;
import io.playstream.jobs.StageReport;
import io.playstream.jobs.WarehouseSnapshot;
import io.playstream.stream.BronzeNotice;
import io.playstream.stream.KafkaNotices;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous mode: background threads that keep gold within seconds of the sink, beside JobRunr
 * and not through it (JobRunr's open-source server picks work up on its poll interval, which alone
 * would cost seconds per step). Two threads, so that loads never wait for a transform (loads
 * commit while transforms run; the dbt project is built for it), and a third for the data tests:
 * <ul>
 * <li>the loader waits up to one tick for the sink's notices ({@link KafkaNotices}), takes every
 *     one that arrived, merged (work that came while the last load ran is one micro-batch now),
 *     loads just the announced keys with their watermarks ({@link PipelineStages#loadAnnounced}),
 *     under the warehouse's load lock and manifest, so a catch-up load, an API run or another
 *     instance loading the same objects is harmless; then marks the notices read; while a long
 *     transform runs, it lets the next notices gather for a while ({@link LoadPacing});</li>
 * <li>the transformer, every tick, catches gold up ({@link PipelineStages#catchUp()}): transforms
 *     when any load batch, from the loader, the cron catch-up, the API or Airflow, is newer than
 *     what the last full transform read; else only moves gold's watermark; else does nothing.
 *     Batches that land while it runs are the next transform's, which starts as soon as it ends.</li>
 * </ul>
 * Transforms build the models only; the data tests run after the first one and then at most every
 * {@code testsEvery} ({@code pipeline.tests-every}), off gold's path. Right after a
 * models-only transform the transformer pins the warehouse as that transform left it
 * ({@link PipelineStages#pinSnapshot()}) and hands the snapshot to a third thread, the tester, which
 * runs the data tests on it ({@value #DATA_TESTS}) without the transform lock while the next
 * transforms go on: a test that reads several models sees them as one transform left them. The
 * transformer never waits for the tester: tests that fall due while a run is still going stay due
 * until it ends. When models were built untested and the tests fall due with nothing new, they run
 * too, so a failing test surfaces within the cadence even when the stream stops; a failing run is
 * logged and counted as a failed step, and the tests run again after the step's backoff. Where the
 * warehouse keeps no such snapshot (PostgreSQL, Snowflake) the tests run as before, on the
 * transformer, in a tests-only transform under the transform lock.
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
    /** The tester: one run of the data tests at a time, on a snapshot the transformer pinned. */
    private final ExecutorService tester = Executors.newSingleThreadExecutor(run -> new Thread(run, "micro-batch-tests"));
    private final Object idle = new Object();
    private final AtomicLong microBatches = new AtomicLong();
    private final AtomicLong transforms = new AtomicLong();
    private final AtomicLong testRuns = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final LoadPacing pacing = new LoadPacing();
    private volatile boolean running = true;
    /**
     * When the tests fall due, whether models were built without them since their last run, and
     * whether a run is going. The transformer sets the first two when it starts a run; while one is
     * going only the tester does (when it fails), before it says it is done.
     */
    private volatile long testsDueAt = System.nanoTime();
    private final AtomicBoolean untested = new AtomicBoolean();
    private final AtomicBoolean testing = new AtomicBoolean();
    /** The tester's own: runs failed in a row. */
    private int failedTestRuns;

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
                Duration backoff = failed(failed, e);
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
            long started = System.nanoTime();
            StageReport loaded = stages.loadAnnounced(notice.keys(), notice.watermarks());
            notices.get().commit();
            if (loaded.loadedAnything()) {
                microBatches.incrementAndGet();
            }
            try {
                pacing.awaitNextLoad(Duration.ofNanos(System.nanoTime() - started));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /**
     * Builds the models, without the data tests, so gold and its watermark never wait for them; when
     * the tests fall due they start next, on a snapshot of what this transform left, on the tester.
     * The tests read all of silver (unique on stg_events.event_id alone took 10.8 s of a transform
     * at 2M events), and when they ran on this thread every event that arrived meanwhile waited for
     * them: the transform after a test run took 12 s against 6 s otherwise.
     */
    private void transform() {
        boolean testsDue = System.nanoTime() - testsDueAt >= 0 && !testing.get();
        long started = System.nanoTime();
        pacing.transformStarted();
        StageReport caughtUp;
        boolean transformed = false;
        try {
            caughtUp = stages.catchUp(false);
            transformed = caughtUp.count(StageReport.NOTHING_NEW) == 0;
        } finally {
            pacing.transformEnded(transformed, Duration.ofNanos(System.nanoTime() - started));
        }
        if (transformed) {
            untested.set(true);
        }
        if (testsDue && untested.get()) {
            startTests();
        } else if (testsDue) {
            // on a quiet pipeline the catch-up's source freshness check
            caughtUp = stages.catchUp(true);
            transformed |= caughtUp.count(StageReport.NOTHING_NEW) == 0;
            testsStarted();
        }
        if (transformed) {
            transforms.incrementAndGet();
            LOG.debug("Micro-batch transform: {}", caughtUp.summary());
            // batches that landed while it ran are waiting already: look again at once, not a tick later
            return;
        }
        pause(tick);
    }

    /**
     * The data tests on a snapshot, on the tester; where none can be pinned, here, in a tests-only
     * transform, so a failing run fails this step and the tests stay due.
     */
    private void startTests() {
        Optional<WarehouseSnapshot> snapshot = stages.pinSnapshot();
        if (snapshot.isEmpty()) {
            StageReport tested = stages.transform(Optional.of(DATA_TESTS), false);
            testRuns.incrementAndGet();
            testsStarted();
            LOG.debug("Micro-batch tests: {}", tested.summary());
            return;
        }
        testsStarted();
        testing.set(true);
        tester.execute(() -> runTests(snapshot.get()));
    }

    /** Not again before the next period, unless models are built meanwhile or the run fails. */
    private void testsStarted() {
        untested.set(false);
        testsDueAt = System.nanoTime() + testsEvery.toNanos();
    }

    /** The tester's: one run on the snapshot, which it then lets go; a failure leaves the tests due after a backoff. */
    private void runTests(WarehouseSnapshot snapshot) {
        try (snapshot) {
            StageReport tested = snapshot.transform(DATA_TESTS);
            testRuns.incrementAndGet();
            failedTestRuns = 0;
            LOG.debug("Micro-batch tests: {}", tested.summary());
        } catch (RuntimeException e) {
            failedTestRuns++;
            Duration backoff = failed(failedTestRuns, e);
            untested.set(true);
            testsDueAt = System.nanoTime() + backoff.toNanos();
        } finally {
            testing.set(false);
        }
    }

    /** Counts and logs a failed step; returns how long to wait before it is tried again. */
    private Duration failed(int attempt, RuntimeException e) {
        failures.incrementAndGet();
        Duration backoff = backoff(attempt);
        LOG.warn("Micro-batch {} failed (attempt {}), next in {} ms: {}", Thread.currentThread().getName(), attempt,
                backoff.toMillis(), e.toString());
        return backoff;
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

    /** Runs of the data tests that passed. */
    public long testRuns() {
        return testRuns.get();
    }

    /** Steps that failed (and were tried again), test runs among them. */
    public long failures() {
        return failures.get();
    }

    /** Lets the running steps end (a transform, a test run, runs to its end), then stops. */
    @Override
    public void close() {
        running = false;
        pacing.stop();
        notices.ifPresent(KafkaNotices.Reader::wakeup);
        synchronized (idle) {
            idle.notifyAll();
        }
        try {
            if (notices.isPresent()) {
                loader.join();
            }
            transformer.join();
            // the transformer, which starts test runs, has ended: the one going, if any, is the last
            tester.shutdown();
            while (!tester.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.info("Micro-batch loop waits for its test run to end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
