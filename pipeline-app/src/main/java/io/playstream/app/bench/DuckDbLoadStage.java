package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.event.EventFields;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Load to DuckDB: {@link BronzeLoader} (list, manifest, parse every line, bulk insert, commit) into
 * a fresh database file per round, against DuckDB's own {@code read_json} of the same files into a
 * fresh table (the thirteen event fields as VARCHAR, no lineage columns: the engine's ceiling).
 * Each round also times the loader's own reader alone: DuckDB's {@code read_csv} of the same files'
 * lines, byte for byte, with nothing parsed or stored. Bronze's rows point back at their object
 * and line, which {@code read_json} cannot number, so this scan is the loader's ceiling.
 */
final class DuckDbLoadStage {

    private final Path store;
    private final Path warmupStore;
    private final Path workDir;

    DuckDbLoadStage(Path store, Path warmupStore, Path workDir) {
        this.store = store;
        this.warmupStore = warmupStore;
        this.workDir = workDir;
    }

    /** The database round {@code round} loaded, for the transform stage. */
    Path database(int round) {
        return workDir.resolve("loader-" + round + ".duckdb");
    }

    StageResult run(int rounds) {
        load(warmupStore, workDir.resolve("warmup-loader.duckdb"));
        readJson(warmupStore, workDir.resolve("warmup-reference.duckdb"));
        List<RoundFigure> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            MemoryProbe.reset();
            long start = System.nanoTime();
            LoadResult result = load(store, database(round));
            double seconds = BenchData.seconds(start);
            MemoryProbe.Usage memory = MemoryProbe.read();
            start = System.nanoTime();
            long referenceRows = readJson(store, workDir.resolve("reference-" + round + ".duckdb"));
            double referenceSeconds = BenchData.seconds(start);
            start = System.nanoTime();
            scanLines(store, workDir.resolve("lines-" + round + ".duckdb"));
            double linesSeconds = BenchData.seconds(start);
            if (referenceRows != result.rows()) {
                throw PlaystreamException.permanent("read_json found " + referenceRows + " rows, the loader " + result.rows(), null);
            }
            figures.add(RoundFigure.of(round, result.rows() / seconds, referenceRows / referenceSeconds, memory,
                    Map.of("rows", (double) result.rows(), "objects", (double) result.objects(), "seconds", seconds,
                            "line_scan_rows_per_s", referenceRows / linesSeconds)));
        }
        return new StageResult("load to DuckDB", "rows/s", "BronzeLoader", "DuckDB read_json", figures, null);
    }

    private static LoadResult load(Path storeDir, Path database) {
        try (Warehouse warehouse = Warehouses.open("duckdb:" + database, Map.of())) {
            return new BronzeLoader(warehouse, new FileSystemObjectStore(storeDir)).load();
        }
    }

    /** {@code create table ... as select * from read_json(files)}; returns the rows it read. */
    static long readJson(Path storeDir, Path database) {
        String files = fileList(storeDir);
        String columns = Stream.concat(EventFields.REQUIRED.stream(), EventFields.OPTIONAL.stream())
                .map(c -> "'" + c + "': 'VARCHAR'").collect(Collectors.joining(", ", "{", "}"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute("create table reference as select * from read_json(" + files
                    + ", format = 'newline_delimited', columns = " + columns + ")");
            try (var rows = statement.executeQuery("select count(*) from reference")) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw PlaystreamException.permanent("DuckDB read_json failed: " + e.getMessage(), e);
        }
    }

    /** Reads the files' lines as the loader reads them (no delimiter, no quoting), and every byte of them. */
    private static void scanLines(Path storeDir, Path database) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute("select sum(length(line)) from read_csv(" + fileList(storeDir) + ", columns = {'line': 'VARCHAR'}, "
                    + "delim = chr(0), quote = '', escape = '', header = false, auto_detect = false, new_line = '\\n')");
        } catch (SQLException e) {
            throw PlaystreamException.permanent("DuckDB read_csv failed: " + e.getMessage(), e);
        }
    }

    private static String fileList(Path storeDir) {
        return bronzeFiles(storeDir).stream().map(f -> "'" + f.toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static List<Path> bronzeFiles(Path storeDir) {
        try (Stream<Path> walk = Files.walk(storeDir.resolve("bronze"))) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot list bronze files under " + storeDir + ": " + e, e);
        }
    }
}
