package io.playstream.app.http;

import io.playstream.stream.SinkMetricsSnapshot;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * What the gold API and the dashboard read. All empty when the app runs without the core services
 * (the API tests of the runs endpoints): the gold API then answers 503 and the status stays empty.
 *
 * @param warehouse         where the gold, silver and bronze tables are
 * @param transformTarget   the dbt project's {@code target/} folder, where the transform writes {@code run_results.json}
 * @param sink              the bronze sink's counters (lag, dead letters) when this app runs the sink
 * @param jobsDashboardPort the JobRunr dashboard's port, for the dashboard's link
 */
public record DashboardSources(Optional<Warehouse> warehouse, Optional<Path> transformTarget,
                               Optional<Supplier<SinkMetricsSnapshot>> sink, OptionalInt jobsDashboardPort) {

    public DashboardSources {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(transformTarget, "transformTarget");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(jobsDashboardPort, "jobsDashboardPort");
    }

    public static DashboardSources none() {
        return new DashboardSources(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    public DashboardSources withJobsDashboardPort(OptionalInt port) {
        return new DashboardSources(warehouse, transformTarget, sink, port);
    }
}
