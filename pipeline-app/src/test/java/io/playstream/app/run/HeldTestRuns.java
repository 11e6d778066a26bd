package io.playstream.app.run;

import io.playstream.jobs.DataInterval;
import io.playstream.jobs.PipelineStages;
import io.playstream.jobs.StageReport;
import io.playstream.jobs.WarehouseSnapshot;
import io.playstream.warehouse.Completeness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real stages, except that a run on a snapshot (the loop's data tests) is held at its start
 * until {@link #release()}: a test run as slow as a test needs, with no sleep in the product.
 */
final class HeldTestRuns implements PipelineStages {

    private final PipelineStages stages;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();

    HeldTestRuns(PipelineStages stages) {
        this.stages = stages;
    }

    /** Runs on a snapshot that started (held or not). */
    int runsStarted() {
        return started.get();
    }

    /** Lets the held run, and every later one, go on. */
    void release() {
        released.countDown();
    }

    @Override
    public Optional<WarehouseSnapshot> pinSnapshot() {
        return stages.pinSnapshot().map(snapshot -> new WarehouseSnapshot() {
            @Override
            public StageReport transform(String selector) {
                started.incrementAndGet();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while held", e);
                }
                return snapshot.transform(selector);
            }

            @Override
            public void close() {
                snapshot.close();
            }
        });
    }

    @Override
    public StageReport load(Optional<DataInterval> interval) {
        return stages.load(interval);
    }

    @Override
    public StageReport transform(Optional<String> selector, boolean fullRefresh) {
        return stages.transform(selector, fullRefresh);
    }

    @Override
    public StageReport loadAnnounced(List<String> keys, Map<String, Instant> watermarks) {
        return stages.loadAnnounced(keys, watermarks);
    }

    @Override
    public StageReport catchUp(boolean tests) {
        return stages.catchUp(tests);
    }

    @Override
    public Completeness.Snapshot completeness() {
        return stages.completeness();
    }
}
