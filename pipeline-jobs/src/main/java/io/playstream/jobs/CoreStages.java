package io.playstream.jobs;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.ObjectStore;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.transform.NodeResult;
import io.playstream.transform.NodeStatus;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.Completeness;
import io.playstream.warehouse.LoadInterval;
import io.playstream.warehouse.LoadListener;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.LoaderSettings;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.WarehouseLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages bound to pipeline-core: {@link BronzeLoader} for {@code load}, the dbt-compatible
 * {@link TransformRunner} for {@code transform}. A failing model or data test is a permanent
 * failure: running the same SQL on the same data again cannot pass. It lives beside the seam, not
 * in the app, so the jobs' own tests run on the real stages (jobs may depend on core; the app
 * chooses the store, the warehouse and the project folder).
 */
public final class CoreStages implements PipelineStages {

    private static final Logger LOG = LoggerFactory.getLogger(CoreStages.class);

    private final Warehouse warehouse;
    private final ObjectStore store;
    private final Path dbtProject;
    private final Path targetDir;
    private final Map<String, String> environment;
    private final LoaderSettings loaderSettings;
    /** One runner for every transform, so it parses the project once while the files stay the same. */
    private TransformRunner runner;
    /**
     * The runner of selections on a snapshot: those run beside a transform, and a runner's parse
     * (its Jinja, bound to a run's session) is for one run at a time.
     */
    private TransformRunner snapshotRunner;
    /** Held through a run on a snapshot: the snapshot runner's runs go one at a time. */
    private final Object snapshotRuns = new Object();

    /**
     * @param environment what the dbt project's {@code env_var()} may read (core never reads the
     *                    process environment itself)
     */
    public CoreStages(Warehouse warehouse, ObjectStore store, Path dbtProject, Map<String, String> environment) {
        this(warehouse, store, dbtProject, null, environment);
    }

    /**
     * @param targetDir   where the transform writes run_results.json and manifest.json; null for the
     *                    project's own {@code target/}
     * @param environment what the dbt project's {@code env_var()} may read
     */
    public CoreStages(Warehouse warehouse, ObjectStore store, Path dbtProject, Path targetDir, Map<String, String> environment) {
        this(warehouse, store, dbtProject, targetDir, environment, LoaderSettings.DEFAULTS);
    }

    /**
     * @param targetDir      where the transform writes run_results.json and manifest.json; null for
     *                       the project's own {@code target/}
     * @param environment    what the dbt project's {@code env_var()} may read
     * @param loaderSettings how loads batch and whether bronze keeps {@code _raw}
     */
    public CoreStages(Warehouse warehouse, ObjectStore store, Path dbtProject, Path targetDir, Map<String, String> environment,
                      LoaderSettings loaderSettings) {
        this.loaderSettings = Objects.requireNonNull(loaderSettings, "loaderSettings");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.store = Objects.requireNonNull(store, "store");
        this.dbtProject = Objects.requireNonNull(dbtProject, "dbtProject");
        this.targetDir = targetDir;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public StageReport load(Optional<DataInterval> interval) {
        return report(loader().load(interval.map(i -> new LoadInterval(i.start(), i.end()))));
    }

    private BronzeLoader loader() {
        return new BronzeLoader(warehouse, store, loaderSettings, LoadListener.NONE);
    }

    private static StageReport report(LoadResult result) {
        String summary = String.format(java.util.Locale.ROOT,
                "loaded objects=%d rows=%d rejected_lines=%d up_to_date=%d skipped_keys=%d in %d ms",
                result.objects(), result.rows(), result.rejectedLines(), result.upToDate(), result.skippedKeys(),
                result.duration().toMillis());
        return new StageReport("load", Map.of(
                StageReport.OBJECTS_LOADED, (long) result.objects(),
                StageReport.ROWS_LOADED, result.rows(),
                "rejected_lines", result.rejectedLines(),
                "bytes", result.bytes()), summary);
    }

    @Override
    public StageReport loadAnnounced(List<String> keys, Map<String, Instant> watermarks) {
        return report(loader().loadKeys(keys, watermarks));
    }

    /**
     * With {@code tests}, a catch-up that finds nothing new still checks bronze's freshness: when
     * loads stop, no transform runs, and a stale source is what the check is there to see. Before
     * anything was ever loaded there is nothing to measure (a pipeline that has not started, not one
     * that stopped), so it is not checked.
     */
    @Override
    public StageReport catchUp(boolean tests) {
        Completeness.Snapshot snapshot = Completeness.read(warehouse);
        if (snapshot.goldBehind()) {
            return transform(Optional.empty(), false, tests);
        }
        String nothingNew = "nothing new";
        if (snapshot.watermarkBehind()) {
            Completeness.recordGold(warehouse, snapshot);
            nothingNew = "gold complete through " + snapshot.loadedThrough().orElseThrow() + " (nothing new to transform)";
        }
        if (tests && snapshot.lastLoadedAt().isPresent()) {
            SourceFreshnessGate.Checked freshness = freshnessGate().check(options(Optional.empty(), false, true));
            freshness.failIfStale("");
            return new StageReport("catch-up", freshness.counts(Map.of(StageReport.NOTHING_NEW, 1L)), nothingNew + "; " + freshness.summary());
        }
        return new StageReport("catch-up", Map.of(StageReport.NOTHING_NEW, 1L), nothingNew);
    }

    @Override
    public Completeness.Snapshot completeness() {
        return Completeness.read(warehouse);
    }

    private synchronized TransformRunner runner() {
        if (runner == null) {
            runner = new TransformRunner(warehouse, line -> LOG.info("{}", line));
        }
        return runner;
    }

    private synchronized TransformRunner snapshotRunner() {
        if (snapshotRunner == null) {
            snapshotRunner = new TransformRunner(warehouse, line -> LOG.info("{}", line));
        }
        return snapshotRunner;
    }

    /**
     * Pinned under the transform lock, so never half way through a transform that another caller
     * (the API, a scheduled follow-up, another instance) runs meanwhile.
     */
    @Override
    public Optional<WarehouseSnapshot> pinSnapshot() {
        try (WarehouseLock lock = warehouse.transformLock()) {
            return warehouse.connectAtSnapshot().map(PinnedSnapshot::new);
        }
    }

    /** A snapshot's connection, for its runs on the snapshot runner, one at a time. */
    private final class PinnedSnapshot implements WarehouseSnapshot {

        private final Connection connection;

        PinnedSnapshot(Connection connection) {
            this.connection = connection;
        }

        @Override
        public StageReport transform(String selector) {
            TransformOptions options = options(Optional.of(selector), false, true);
            Optional<RunSummary> summary = started(() -> runHere(options));
            if (summary.isEmpty()) {
                return CoreStages.this.transform(Optional.of(selector), false, true);
            }
            failIfFailed(summary.get());
            return checked(summary.get(), options, new SourceFreshnessGate(snapshotRunner()));
        }

        /**
         * The run, committed; empty, and rolled back, when a node errored: an error ends the
         * snapshot's transaction (DuckDB aborts it at the failing statement), so every node after it
         * would error too, and the run is to be taken again as any other, under the transform lock,
         * for each node's own outcome.
         */
        private Optional<RunSummary> runHere(TransformOptions options) {
            synchronized (snapshotRuns) {
                TransformRunner snapshotRunner = snapshotRunner();
                try {
                    RunSummary summary = snapshotRunner.runInTransaction(options, connection);
                    if (summary.results().stream().noneMatch(r -> r.status() == NodeStatus.ERROR)) {
                        connection.commit();
                        return Optional.of(summary);
                    }
                } catch (PlaystreamException | SQLException e) {
                    LOG.info("A run on a snapshot of {} failed, taken again under the transform lock: {}", warehouse.describe(), e.toString());
                }
                rollback();
                return Optional.empty();
            }
        }

        private void rollback() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.warn("Rolling back a snapshot of {} failed: {}", warehouse.describe(), e.toString());
            }
        }

        @Override
        public void close() {
            rollback();
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Closing a snapshot of {} failed: {}", warehouse.describe(), e.toString());
            }
        }
    }

    @Override
    public StageReport transform(Optional<String> selector, boolean fullRefresh) {
        return transform(selector, fullRefresh, true);
    }

    private TransformOptions options(Optional<String> selector, boolean fullRefresh, boolean tests) {
        return TransformOptions.of(dbtProject)
                .withSelect(selector.orElse(null))
                .withFullRefresh(fullRefresh)
                .withTests(tests)
                .withEnv(environment)
                .withTargetPath(targetDir);
    }

    private synchronized SourceFreshnessGate freshnessGate() {
        return new SourceFreshnessGate(runner());
    }

    /**
     * Builds, then checks bronze's freshness (dbt's {@code source freshness}, writing sources.json):
     * a source past its {@code error_after} fails the stage after the build, so gold still holds
     * everything that is loaded while the run says bronze stopped arriving. Checked after the build,
     * so a selector that cannot be read fails first, before any connection.
     */
    private StageReport transform(Optional<String> selector, boolean fullRefresh, boolean tests) {
        // read before the run starts: it reads at least what was loaded by then
        Optional<Completeness.Snapshot> before = selector.isEmpty() ? Optional.of(Completeness.read(warehouse)) : Optional.empty();
        TransformOptions options = options(selector, fullRefresh, tests);
        RunSummary summary = started(() -> runner().run(options));
        failIfFailed(summary);
        before.ifPresent(snapshot -> Completeness.recordGold(warehouse, snapshot));
        return checked(summary, options, freshnessGate());
    }

    private static <T> T started(Supplier<T> run) {
        try {
            return run.get();
        } catch (IllegalArgumentException e) {
            // a selector the runner cannot parse (e.g. "a,b"): the same request fails the same way on every retry
            throw PlaystreamException.permanent("transform cannot start: " + e.getMessage(), e);
        }
    }

    private static void failIfFailed(RunSummary summary) {
        if (!summary.succeeded()) {
            String failed = summary.results().stream()
                    .filter(NodeResult::failed)
                    .map(r -> r.name() + ": " + r.message())
                    .collect(Collectors.joining("; "));
            throw PlaystreamException.permanent("transform failed: " + failed);
        }
    }

    /** The run's report, once bronze's freshness is checked. */
    private static StageReport checked(RunSummary summary, TransformOptions options, SourceFreshnessGate freshnessGate) {
        SourceFreshnessGate.Checked freshness = freshnessGate.check(options);
        freshness.failIfStale("gold was built from what is loaded; ");
        return new StageReport("transform", freshness.counts(Map.of(
                "nodes", (long) summary.results().size(),
                "passed", summary.count(NodeStatus.PASS) + summary.count(NodeStatus.SUCCESS),
                "reused", summary.reused())),
                String.format(java.util.Locale.ROOT, "transform nodes=%d reused=%d in %.1f s; %s", summary.results().size(),
                        summary.reused(), summary.elapsedSeconds(), freshness.summary()));
    }
}
