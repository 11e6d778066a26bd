package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.transform.NodeResult;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transform: {@link TransformRunner} on the repository's dbt project over a copy of the loaded
 * DuckDB database, a full build first, then one more hour of events loaded and an incremental run.
 * Both figures are seconds; "ours" is the incremental run, the "reference" the full build, so the
 * ratio tells what share of a full build an hourly run costs. Two more results weigh state-aware
 * builds against building every model (ratio state-aware / rebuild-all, in the same round): a run
 * with nothing new, and a run after a micro-batch of {@value BenchData#MICRO_BATCH_EVENTS} events
 * (loaded into two copies of the same database, one run each way). A last one weighs continuous
 * mode's micro-batch (a runner kept from the run before, so the project is parsed already, and no
 * data tests between two of {@code pipeline.tests-every}) against a fresh runner building and
 * testing the same micro-batch, as every micro-batch did before.
 */
final class TransformStage {

    private static final Logger LOG = LoggerFactory.getLogger(TransformStage.class);

    private final Path project;
    private final Path loadedDatabase;
    private final Path extraStore;
    private final Path microBatchStore;
    private final Path workDir;

    TransformStage(Path project, Path loadedDatabase, Path extraStore, Path workDir) {
        this.project = project;
        this.loadedDatabase = loadedDatabase;
        this.extraStore = extraStore;
        this.microBatchStore = workDir.resolve("micro-batch");
        this.workDir = workDir;
    }

    /** The incremental against the full build, then the idle and micro-batch runs state-aware against rebuild-all. */
    List<StageResult> run(int rounds, Path warmupDatabase) {
        try (Warehouse warehouse = Warehouses.open("duckdb:" + warmupDatabase, Map.of())) {
            transform(warehouse, "warmup", true);
        }
        BenchData.writeMicroBatch(new FileSystemObjectStore(microBatchStore));
        List<RoundFigure> figures = new ArrayList<>();
        List<RoundFigure> idle = new ArrayList<>();
        List<RoundFigure> micro = new ArrayList<>();
        List<RoundFigure> continuous = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path database = workDir.resolve("transform-" + round + ".duckdb");
            copy(loadedDatabase, database);
            try (Warehouse warehouse = Warehouses.open("duckdb:" + database, Map.of())) {
                MemoryProbe.reset();
                double full = transform(warehouse, "full-" + round, true).seconds();
                new BronzeLoader(warehouse, new FileSystemObjectStore(extraStore)).load();
                Timed incremental = transform(warehouse, "incremental-" + round, true);
                MemoryProbe.Usage memory = MemoryProbe.read();
                figures.add(RoundFigure.of(round, incremental.seconds(), full, memory, Map.of("full s", full,
                        "incremental s", incremental.seconds(), "silver rows merged", (double) incremental.rows("stg_events"),
                        "gold rows written", (double) incremental.goldRows())));
                Timed reused = transform(warehouse, "idle-state-aware-" + round, true);
                double rebuilt = transform(warehouse, "idle-rebuild-all-" + round, false).seconds();
                idle.add(RoundFigure.of(round, reused.seconds(), rebuilt, MemoryProbe.read(), Map.of("state-aware s", reused.seconds(),
                        "rebuild-all s", rebuilt, "nodes reused", (double) reused.summary().reused())));
            }
            Timed reused = microBatch(database, "micro-state-aware-" + round, true);
            double rebuilt = microBatch(database, "micro-rebuild-all-" + round, false).seconds();
            micro.add(RoundFigure.of(round, reused.seconds(), rebuilt, MemoryProbe.read(), Map.of("state-aware s", reused.seconds(),
                    "rebuild-all s", rebuilt, "nodes reused", (double) reused.summary().reused(),
                    "silver rows merged", (double) reused.rows("stg_events"))));
            Timed kept = continuousMicroBatch(database, "micro-continuous-" + round);
            double fresh = microBatch(database, "micro-fresh-tested-" + round, true).seconds();
            continuous.add(RoundFigure.of(round, kept.seconds(), fresh, MemoryProbe.read(), Map.of("kept runner, untested s",
                    kept.seconds(), "fresh runner, tested s", fresh, "nodes run", (double) kept.summary().results().size())));
        }
        return List.of(new StageResult("transform incr. / full", "s", "incremental run after 1 more hour",
                "full build", figures, null),
                new StageResult("transform idle, reuse", "s", "state-aware run, nothing new",
                        "same, rebuild-all", idle, null),
                new StageResult("transform 5k, reuse", "s", "state-aware run after a 5k-event micro-batch",
                        "same, rebuild-all", micro, null),
                new StageResult("transform 5k, continuous", "s", "kept runner, models only, after a 5k-event micro-batch",
                        "fresh runner, models and tests", continuous, null));
    }

    /** Loads the micro-batch into a copy of the database and runs the transform on it. */
    private Timed microBatch(Path database, String name, boolean stateAware) {
        Path copy = workDir.resolve(name + ".duckdb");
        copy(database, copy);
        try (Warehouse warehouse = Warehouses.open("duckdb:" + copy, Map.of())) {
            new BronzeLoader(warehouse, new FileSystemObjectStore(microBatchStore)).load();
            return transform(warehouse, name, stateAware);
        }
    }

    /**
     * As continuous mode runs a micro-batch: the runner ran the transform before (here on the same
     * data, all reused), then the micro-batch loads and the runner builds the models without tests.
     */
    private Timed continuousMicroBatch(Path database, String name) {
        Path copy = workDir.resolve(name + ".duckdb");
        copy(database, copy);
        try (Warehouse warehouse = Warehouses.open("duckdb:" + copy, Map.of())) {
            TransformRunner runner = new TransformRunner(warehouse, line -> { });
            run(runner, name + "-before", TransformOptions.of(project));
            new BronzeLoader(warehouse, new FileSystemObjectStore(microBatchStore)).load();
            long start = System.nanoTime();
            RunSummary summary = run(runner, name, TransformOptions.of(project).withTests(false));
            return new Timed(BenchData.seconds(start), summary);
        }
    }

    /** One run's seconds and its models' rows written (run_results' rows_affected). */
    private record Timed(double seconds, RunSummary summary) {
        long rows(String model) {
            return summary.results().stream().filter(r -> r.name().equals(model)).mapToLong(NodeResult::rowsAffected)
                    .findFirst().orElse(-1);
        }

        long goldRows() {
            return summary.results().stream().filter(r -> r.relationName() != null && r.relationName().startsWith("gold."))
                    .mapToLong(r -> Math.max(0, r.rowsAffected())).sum();
        }
    }

    /** One run of every model and test; logs each model's rows written. */
    private Timed transform(Warehouse warehouse, String name, boolean stateAware) {
        long start = System.nanoTime();
        RunSummary summary = run(new TransformRunner(warehouse, line -> { }), name, TransformOptions.of(project).withStateAware(stateAware));
        return new Timed(BenchData.seconds(start), summary);
    }

    private RunSummary run(TransformRunner runner, String name, TransformOptions options) {
        RunSummary summary = runner.run(options.withTargetPath(workDir.resolve("dbt-target-" + name)));
        if (!summary.succeeded()) {
            throw PlaystreamException.permanent("the dbt project failed in the benchmark: " + summary.results().stream()
                    .filter(NodeResult::failed).map(NodeResult::name).toList(), null);
        }
        summary.results().stream().filter(r -> r.resourceType().equals("model"))
                .forEach(r -> LOG.info("transform {}: {} wrote {} rows", name, r.name(), r.rowsAffected()));
        return summary;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            Path wal = from.resolveSibling(from.getFileName() + ".wal");
            if (Files.exists(wal)) {
                Files.copy(wal, to.resolveSibling(to.getFileName() + ".wal"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot copy " + from + " for the transform: " + e.getMessage(), e);
        }
    }
}
