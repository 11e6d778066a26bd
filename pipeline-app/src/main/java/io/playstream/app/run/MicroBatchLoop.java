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
 * Continuous mode: a background thread that keeps gold within seconds of the sink, beside JobRunr
 * and not through it (JobRunr's open-source server picks work up on its poll interval, which alone
 * would cost seconds per step). Each tick
 * <ol>
 * <li>waits up to one tick for the sink's notices ({@link KafkaNotices}) and takes every one that
 *     arrived, merged: work that came while the last step ran is one micro-batch now;</li>
 * <li>loads just the announced keys, with their watermarks ({@link PipelineStages#loadAnnounced}),
 *     under the warehouse's load lock and manifest, so a catch-up load, an API run or another
 *     instance loading the same objects is harmless; then marks the notices read;</li>
 * <li>catches gold up ({@link PipelineStages#catchUp()}): transforms when any load batch, from
 *     this loop, the cron catch-up, the API or Airflow, is newer than what the last full transform
 *     read; else only moves gold's watermark; else does nothing.</li>
 * </ol>
 * Without notices (an app with no sink of its own, e.g. the API's tests) it only catches up.
 * A failing step is logged, its notices are read again at the next tick, after a backoff.
 */
public final class MicroBatchLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final PipelineStages stages;
    private final Optional<KafkaNotices.Reader> notices;
    private final Duration tick;
    private final Thread thread;
    private final Object idle = new Object();
    private final AtomicLong microBatches = new AtomicLong();
    private final AtomicLong transforms = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;

    private MicroBatchLoop(PipelineStages stages, Optional<KafkaNotices.Reader> notices, Duration tick) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.tick = Objects.requireNonNull(tick, "tick");
        this.thread = new Thread(this::loop, "micro-batch-loop");
    }

    /** Starts the loop; it owns {@code notices} and closes them. */
    public static MicroBatchLoop start(PipelineStages stages, Optional<KafkaNotices.Reader> notices, Duration tick) {
        MicroBatchLoop loop = new MicroBatchLoop(stages, notices, tick);
        loop.thread.start();
        LOG.info("Micro-batch loop started(tick={} ms, notices={})", tick.toMillis(), notices.isPresent() ? "kafka" : "none");
        return loop;
    }

    private void loop() {
        int failed = 0;
        while (running) {
            try {
                step();
                failed = 0;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failed++;
                failures.incrementAndGet();
                Duration backoff = backoff(failed);
                LOG.warn("Micro-batch step failed (attempt {}), next in {} ms: {}", failed, backoff.toMillis(), e.toString());
                notices.ifPresent(KafkaNotices.Reader::rewind);
                pause(backoff);
            }
        }
        notices.ifPresent(KafkaNotices.Reader::close);
    }

    private void step() {
        if (notices.isPresent()) {
            BronzeNotice notice = notices.get().poll(tick);
            if (!notice.isEmpty()) {
                StageReport loaded = stages.loadAnnounced(notice.keys(), notice.watermarks());
                notices.get().commit();
                if (loaded.loadedAnything()) {
                    microBatches.incrementAndGet();
                }
            }
        } else {
            pause(tick);
        }
        if (running) {
            StageReport caughtUp = stages.catchUp();
            if (caughtUp.count(StageReport.NOTHING_NEW) == 0) {
                transforms.incrementAndGet();
                LOG.debug("Micro-batch transform: {}", caughtUp.summary());
            }
        }
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
        return thread.isAlive();
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

    /** Lets the running step end (a transform runs to its end), then stops. */
    @Override
    public void close() {
        running = false;
        notices.ifPresent(KafkaNotices.Reader::wakeup);
        synchronized (idle) {
            idle.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
