package io.playstream.app.http;

import io.playstream.stream.SinkMetricsSnapshot;
import io.playstream.warehouse.Warehouse;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the gold API and the dashboard read. All empty when the app runs without the core services
 * (the API tests of the runs endpoints): the gold API then answers 503 and the status stays empty.
 *
 * @param warehouse         where the gold, silver and bronze tables are
 * @param transformTarget   the dbt project's {@code target/} folder, where the transform writes {@code run_results.json}
 * @param sink              the bronze sink's counters (lag, dead letters) when this app runs the sink
 * @param jobsDashboard     where JobRunr's own dashboard server listens (loopback), which this API serves through
 */
public record DashboardSources(Optional<Warehouse> warehouse, Optional<Path> transformTarget,
                               Optional<Supplier<SinkMetricsSnapshot>> sink, Optional<InetSocketAddress> jobsDashboard) {

    public DashboardSources {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(transformTarget, "transformTarget");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(jobsDashboard, "jobsDashboard");
    }

    public static DashboardSources none() {
        return new DashboardSources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DashboardSources withJobsDashboard(Optional<InetSocketAddress> address) {
        return new DashboardSources(warehouse, transformTarget, sink, address);
    }
}
