package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.transform.artifact.NodeResult;
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

/**
 * Transform: {@link TransformRunner} on the repository's dbt project over a copy of the loaded
 * DuckDB database, a full build first, then one more hour of events loaded and an incremental run.
 * Both figures are seconds; "ours" is the incremental run, the "reference" the full build, so the
 * ratio tells what share of a full build an hourly run costs.
 */
final class TransformStage {

    private final Path project;
    private final Path loadedDatabase;
    private final Path extraStore;
    private final Path workDir;

    TransformStage(Path project, Path loadedDatabase, Path extraStore, Path workDir) {
        this.project = project;
        this.loadedDatabase = loadedDatabase;
        this.extraStore = extraStore;
        this.workDir = workDir;
    }

    StageResult run(int rounds, Path warmupDatabase) {
        try (Warehouse warehouse = Warehouses.open("duckdb:" + warmupDatabase, Map.of())) {
            transform(warehouse, "warmup");
        }
        List<RoundFigure> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path database = workDir.resolve("transform-" + round + ".duckdb");
            copy(loadedDatabase, database);
            try (Warehouse warehouse = Warehouses.open("duckdb:" + database, Map.of())) {
                MemoryProbe.reset();
                double full = transform(warehouse, "full-" + round);
                new BronzeLoader(warehouse, new FileSystemObjectStore(extraStore)).load();
                double incremental = transform(warehouse, "incremental-" + round);
                MemoryProbe.Usage memory = MemoryProbe.read();
                figures.add(RoundFigure.of(round, incremental, full, memory, Map.of("full s", full, "incremental s", incremental)));
            }
        }
        return new StageResult("transform incr. / full", "s", "incremental run after 1 more hour",
                "full build", figures, null);
    }

    /** One run of every model and test; returns its seconds. */
    private double transform(Warehouse warehouse, String name) {
        long start = System.nanoTime();
        RunSummary summary = new TransformRunner(warehouse, line -> { })
                .run(TransformOptions.of(project).withTargetPath(workDir.resolve("dbt-target-" + name)));
        double seconds = BenchData.seconds(start);
        if (!summary.succeeded()) {
            throw PlaystreamException.permanent("the dbt project failed in the benchmark: " + summary.results().stream()
                    .filter(NodeResult::failed).map(NodeResult::name).toList(), null);
        }
        return seconds;
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
