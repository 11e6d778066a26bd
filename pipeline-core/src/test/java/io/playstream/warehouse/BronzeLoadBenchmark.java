package io.playstream.warehouse;

import io.playstream.objectstore.FileSystemObjectStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * Measures the loader against each engine's own bulk path over the same rows (no timed asserts in
 * tests, so this is a main). Writes {@code events} events into {@code objects} gzip objects, then:
 * DuckDB: the loader vs {@code create table ... as select * from read_json(files, 13 VARCHAR
 * columns)}; PostgreSQL (when a server URL is given): the loader vs a plain {@code COPY} of the same
 * rows, pre-rendered in COPY text format. A ratio is reference seconds / loader seconds (1 = as fast).
 *
 * <pre>
 * mvn -B -q -pl pipeline-core -am test-compile
 * mvn -B -q -pl pipeline-core dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx2g -cp pipeline-core/target/test-classes:pipeline-core/target/classes:$(cat /tmp/cp.txt) \
 *   io.playstream.warehouse.BronzeLoadBenchmark 2000000 100 jdbc:postgresql://127.0.0.1:5432/
 * </pre>
 */
public final class BronzeLoadBenchmark {

    private BronzeLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String postgres = args.length > 2 ? args[2] : null;
        Path work = Files.createTempDirectory("playstream-bench-");
        try {
            FileSystemObjectStore store = new FileSystemObjectStore(work.resolve("store"));
            List<Path> files = write(store, events, objects);
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            System.out.printf(Locale.ROOT, "%d events in %d objects, %.1f MB gzip%n", events, objects, bytes / 1e6);
            duckdb(work, store, files);
            if (postgres != null) {
                postgres(postgres, work, store);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Path> write(FileSystemObjectStore store, int events, int objects) {
        Instant hour = Instant.parse("2025-12-10T15:00:00Z");
        int perObject = (events + objects - 1) / objects;
        List<Path> files = new ArrayList<>();
        for (int o = 0; o < objects; o++) {
            long first = (long) o * perObject;
            int count = (int) Math.min(perObject, events - first);
            String key = BronzeFiles.key(first, hour).value();
            BronzeFiles.put(store, key, BronzeFiles.events(first, count, hour));
            files.add(store.root().resolve(key));
        }
        return files;
    }

    private static void duckdb(Path work, FileSystemObjectStore store, List<Path> files) throws SQLException {
        double loader;
        try (Warehouse warehouse = DuckDbWarehouse.open(work.resolve("loader.duckdb"))) {
            long start = System.nanoTime();
            LoadResult result = new BronzeLoader(warehouse, store).load();
            loader = seconds(start);
            System.out.printf(Locale.ROOT, "duckdb loader: %d rows in %.2f s%n", result.rows(), loader);
        }
        String list = files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ", "[", "]"));
        String columns = BronzeTables.FIELD_COLUMNS.stream().map(c -> "'" + c + "': 'VARCHAR'")
                .collect(Collectors.joining(", ", "{", "}"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("reference.duckdb"));
                Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute("create table reference as select * from read_json(" + list
                    + ", format = 'newline_delimited', columns = " + columns + ")");
            double reference = seconds(start);
            System.out.printf(Locale.ROOT, "duckdb read_json: %.2f s; ratio %.2f%n", reference, reference / loader);
        }
    }

    private static void postgres(String server, Path work, FileSystemObjectStore store) throws Exception {
        String database = "playstream_bench_" + Long.toHexString(System.nanoTime());
        admin(server, "create database " + database);
        try {
            double loader;
            try (Warehouse warehouse = Warehouses.open(server + database + "?user=postgres", Map.of())) {
                long start = System.nanoTime();
                LoadResult result = new BronzeLoader(warehouse, store).load();
                loader = seconds(start);
                System.out.printf(Locale.ROOT, "postgres loader: %d rows in %.2f s%n", result.rows(), loader);
            }
            Path rows = copyText(work, store);
            try (Connection connection = DriverManager.getConnection(server + database + "?user=postgres");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table public.reference (like bronze.spotify_events)");
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(rows)) {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                            PostgresBulkLoader.copyStatement("public.reference", BronzeTables.EVENT_COLUMNS), in, 1 << 16);
                }
                double reference = seconds(start);
                System.out.printf(Locale.ROOT, "postgres plain COPY: %.2f s; ratio %.2f%n", reference, reference / loader);
            }
        } finally {
            admin(server, "drop database if exists " + database + " with (force)");
        }
    }

    /** The same rows the loader writes, as a COPY text file, made before the clock starts. */
    private static Path copyText(Path work, FileSystemObjectStore store) throws IOException {
        Path file = work.resolve("rows.copy");
        BronzeLineParser parser = new BronzeLineParser();
        List<String> keys;
        try (Stream<io.playstream.objectstore.ObjectInfo> listing = store.list("bronze/")) {
            keys = listing.map(io.playstream.objectstore.ObjectInfo::key).toList();
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String key : keys) {
                PendingObject object = new PendingObject(io.playstream.partition.ObjectKey.parse(key).orElseThrow(),
                        store.stat(key).orElseThrow(), false);
                try (InputStream body = ObjectBodies.decompressed(object, store.open(key))) {
                    LineReader lines = new LineReader(body);
                    long number = 0;
                    byte[] line;
                    while ((line = lines.next()) != null) {
                        BronzeLineParser.Line parsed = parser.parse(line, lines.length());
                        List<String> values = new ArrayList<>(List.of(parsed.fields()));
                        values.addAll(List.of(new String(line, 0, lines.length(), StandardCharsets.UTF_8), key, Long.toString(++number), "2026-01-01 00:00:00"));
                        out.write(values.stream().map(BronzeLoadBenchmark::escape).collect(Collectors.joining("\t")));
                        out.write('\n');
                    }
                }
            }
        }
        return file;
    }

    private static String escape(String value) {
        return value == null ? "\\N" : value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static void admin(String server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server + "postgres?user=postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
