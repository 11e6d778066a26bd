package io.playstream.jobs.testing;

import io.playstream.PlaystreamException;
import io.playstream.jobs.DataInterval;
import io.playstream.jobs.PipelineStages;
import io.playstream.jobs.StageReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/**
 * Seam stand-in until the core stages are merged: a {@link PipelineStages} that counts what it is
 * asked to do, records which JobRunr job asked, and can be told to fail (permanently, or
 * transiently a number of times) or to block until released. Replace with the DuckDB-backed loader
 * and runner once pipeline-core has them.
 */
public final class CountingStages implements PipelineStages {

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger transientFailuresLeft = new AtomicInteger();
    private volatile String permanentFailure;
    private volatile String poisonSelector;
    private volatile long objectsPerLoad = 1;
    private volatile CountDownLatch gate;

    /** One stage invocation: which stage, for which job, with which interval. */
    public record Call(String stage, UUID jobId, Optional<DataInterval> interval) {
    }

    @Override
    public StageReport load(Optional<DataInterval> interval) {
        return perform("load", interval, Map.of(StageReport.OBJECTS_LOADED, objectsPerLoad, StageReport.ROWS_LOADED, 10 * objectsPerLoad));
    }

    @Override
    public StageReport transform(Optional<String> selector, boolean fullRefresh) {
        if (poisonSelector != null && selector.filter(poisonSelector::equals).isPresent()) {
            calls.add(new Call("transform", currentJobId(), Optional.empty()));
            throw PlaystreamException.permanent("dbt test failed: not_null_silver_events_event_id (3 rows) in " + poisonSelector);
        }
        return perform("transform", Optional.empty(), Map.of("models", 3L));
    }

    private StageReport perform(String stage, Optional<DataInterval> interval, Map<String, Long> counts) {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            calls.add(new Call(stage, currentJobId(), interval));
            awaitGate();
            if (permanentFailure != null) {
                throw PlaystreamException.permanent(permanentFailure);
            }
            if (transientFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw PlaystreamException.retriable("warehouse lock held by another load", null);
            }
            return new StageReport(stage, counts, stage + " " + counts);
        } finally {
            running.decrementAndGet();
        }
    }

    private void awaitGate() {
        CountDownLatch current = gate;
        if (current != null) {
            try {
                current.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PlaystreamException.retriable("interrupted", e);
            }
        }
    }

    private static UUID currentJobId() {
        var context = ThreadLocalJobContext.getJobContext();
        return context == null ? null : context.getJobId();
    }

    public CountingStages failPermanently(String reason) {
        this.permanentFailure = reason;
        return this;
    }

    /** Transforms that select exactly {@code selector} fail permanently, as a failing data test does. */
    public CountingStages failPermanentlyWhenSelecting(String selector) {
        this.poisonSelector = selector;
        return this;
    }

    public CountingStages failTransiently(int times) {
        transientFailuresLeft.set(times);
        return this;
    }

    public CountingStages loadNothing() {
        this.objectsPerLoad = 0;
        return this;
    }

    /** Makes every stage wait until {@link #release()}. */
    public CountingStages hold() {
        this.gate = new CountDownLatch(1);
        return this;
    }

    public void release() {
        CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long count(String stage) {
        return calls.stream().filter(c -> c.stage().equals(stage)).count();
    }

    public long callsFor(UUID jobId) {
        return calls.stream().filter(c -> jobId.equals(c.jobId())).count();
    }

    public int running() {
        return running.get();
    }

    /** The most stage invocations that ran at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }
}
