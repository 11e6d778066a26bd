package io.playstream.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.playstream.stream.SinkMetricsSnapshot;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The bronze sink's counters on {@code /metrics}, read from its snapshot at each scrape (the sink
 * keeps counting on its own thread; nothing here is on its path): what to alert on is lag that
 * grows, dead letters, flush failures, and a member left with no partitions.
 *
 * <p>Micrometer holds the object behind a function meter weakly, so a supplier only this binder
 * knows (such as {@code sink::metrics}) is collected by the first garbage collection and the meters
 * then read 0 and NaN for ever. The gauges therefore hold the supplier strongly (Micrometer's
 * {@code strongReference}), and the function counters read the very same object, which the
 * gauges keep reachable for as long as the registry lives.
 */
public final class SinkMeters implements MeterBinder {

    private final Supplier<SinkMetricsSnapshot> metrics;

    public SinkMeters(Supplier<SinkMetricsSnapshot> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "playstream.sink.lag.records", "Records behind the end of the assigned partitions", SinkMetricsSnapshot::lag);
        gauge(registry, "playstream.sink.assigned.partitions", "Partitions this member owns in its consumer group",
                SinkMetricsSnapshot::assignedPartitions);
        counter(registry, "playstream.sink.records.in", "Records consumed from Kafka (a replayed record counts again)",
                SinkMetricsSnapshot::recordsIn);
        counter(registry, "playstream.sink.bronze.lines", "Lines committed to bronze objects", SinkMetricsSnapshot::bronzeLines);
        counter(registry, "playstream.sink.dead.letters", "Messages committed to dead-letter objects", SinkMetricsSnapshot::deadLetters);
        counter(registry, "playstream.sink.objects", "Objects written", SinkMetricsSnapshot::files);
        counter(registry, "playstream.sink.written.bytes", "Compressed bytes written", SinkMetricsSnapshot::bytesWritten);
        counter(registry, "playstream.sink.flushes", "Successful flushes", SinkMetricsSnapshot::flushes);
        counter(registry, "playstream.sink.flush.failures", "Failed flush attempts (retried)", SinkMetricsSnapshot::flushFailures);
    }

    /** FunctionCounter has no strong-reference option: {@link #metrics} stays reachable through the strong gauges. */
    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<SinkMetricsSnapshot> value) {
        FunctionCounter.builder(name, metrics, m -> value.applyAsDouble(m.get())).description(description).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<SinkMetricsSnapshot> value) {
        Gauge.builder(name, metrics, m -> value.applyAsDouble(m.get())).strongReference(true).description(description)
                .register(registry);
    }
}
