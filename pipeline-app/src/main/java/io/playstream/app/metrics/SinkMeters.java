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
 */
public final class SinkMeters implements MeterBinder {

    private final Supplier<SinkMetricsSnapshot> metrics;

    public SinkMeters(Supplier<SinkMetricsSnapshot> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "playstream.sink.records.in", "Records consumed from Kafka (a replayed record counts again)",
                SinkMetricsSnapshot::recordsIn);
        counter(registry, "playstream.sink.bronze.lines", "Lines committed to bronze objects", SinkMetricsSnapshot::bronzeLines);
        counter(registry, "playstream.sink.dead.letters", "Messages committed to dead-letter objects", SinkMetricsSnapshot::deadLetters);
        counter(registry, "playstream.sink.objects", "Objects written", SinkMetricsSnapshot::files);
        counter(registry, "playstream.sink.written.bytes", "Compressed bytes written", SinkMetricsSnapshot::bytesWritten);
        counter(registry, "playstream.sink.flushes", "Successful flushes", SinkMetricsSnapshot::flushes);
        counter(registry, "playstream.sink.flush.failures", "Failed flush attempts (retried)", SinkMetricsSnapshot::flushFailures);
        gauge(registry, "playstream.sink.lag.records", "Records behind the end of the assigned partitions", SinkMetricsSnapshot::lag);
        gauge(registry, "playstream.sink.assigned.partitions", "Partitions this member owns in its consumer group",
                SinkMetricsSnapshot::assignedPartitions);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<SinkMetricsSnapshot> value) {
        FunctionCounter.builder(name, metrics, m -> value.applyAsDouble(m.get())).description(description).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<SinkMetricsSnapshot> value) {
        Gauge.builder(name, metrics, m -> value.applyAsDouble(m.get())).description(description).register(registry);
    }
}
