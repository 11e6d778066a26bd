package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Load to PostgreSQL (only with {@code --postgres}): {@link BronzeLoader} into a fresh database per
 * round, against a plain {@code COPY FROM STDIN} of exactly the rows it loaded (exported with
 * {@code COPY TO} before the clock starts) into a table like {@code bronze.spotify_events}. Each
 * round's database has a unique name and is dropped afterwards.
 */
final class PostgresLoadStage {

    private final String server;
    private final String query;
    private final Path store;
    private final Path warmupStore;
    private final Path workDir;

    PostgresLoadStage(String url, Path store, Path warmupStore, Path workDir) {
        String rest = url.substring("jdbc:postgresql://".length());
        int q = rest.indexOf('?');
        this.query = q < 0 ? "" : rest.substring(q);
        String hostPart = q < 0 ? rest : rest.substring(0, q);
        int slash = hostPart.indexOf('/');
        this.server = "jdbc:postgresql://" + (slash < 0 ? hostPart : hostPart.substring(0, slash)) + "/";
        this.store = store;
        this.warmupStore = warmupStore;
        this.workDir = workDir;
    }

    StageResult run(int rounds) {
        round(0, warmupStore);
        List<RoundFigure> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            figures.add(round(round, store));
        }
        return new StageResult("load to PostgreSQL", "rows/s", "BronzeLoader (COPY)", "plain COPY of the same rows",
                figures, null);
    }

    private RoundFigure round(int round, Path storeDir) {
        String database = "playstream_bench_" + Long.toHexString(System.nanoTime());
        admin("create database " + database);
        try {
            String url = server + database + query;
            MemoryProbe.reset();
            long start = System.nanoTime();
            LoadResult result;
            try (Warehouse warehouse = Warehouses.open(url, Map.of())) {
                result = new BronzeLoader(warehouse, new FileSystemObjectStore(storeDir)).load();
            }
            double seconds = BenchData.seconds(start);
            MemoryProbe.Usage memory = MemoryProbe.read();
            double reference = result.rows() / copy(url, workDir.resolve("rows-" + round + ".copy"));
            return RoundFigure.of(round, result.rows() / seconds, reference, memory,
                    Map.of("rows", (double) result.rows(), "seconds", seconds));
        } finally {
            admin("drop database if exists " + database + " with (force)");
        }
    }

    /** Exports the loaded rows, then times a plain COPY of them into a fresh table; returns seconds. */
    private static double copy(String url, Path rows) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (OutputStream out = Files.newOutputStream(rows)) {
                copy.copyOut("copy bronze.spotify_events to stdout", out);
            }
            statement.execute("create table public.reference (like bronze.spotify_events)");
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(rows)) {
                copy.copyIn("copy public.reference from stdin", in, 1 << 16);
            }
            return BenchData.seconds(start);
        } catch (SQLException | IOException e) {
            throw PlaystreamException.permanent("the reference COPY failed: " + e.getMessage(), e);
        } finally {
            rows.toFile().delete();
        }
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(server + "postgres" + query);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw PlaystreamException.permanent("PostgreSQL: " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
