package io.playstream.app.faults;

import io.playstream.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, so the test can kill it: a cluster made with the installed
 * {@code initdb} in a temporary folder, run with {@code pg_ctl} as the {@code postgres} user (the
 * tests run as root, which PostgreSQL refuses) on a free port of 127.0.0.1, with PostgreSQL's default
 * durability settings. {@link #kill()} ends the postmaster and every backend with SIGKILL, as an
 * out-of-memory killer or a lost container would; {@link #start()} then runs crash recovery.
 */
final class OwnPostgres implements AutoCloseable {

    private static final String USER = "postgres";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final Path log;
    private final int port;

    private OwnPostgres(Path bin, Path root, int port) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.log = root.resolve("postgres.log");
        this.port = port;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} holding {@code initdb} and {@code pg_ctl}, if any. */
    static Optional<Path> installedBinaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> each = Files.list(versions)) {
            return each.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path folder) {
        try {
            return Integer.parseInt(folder.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Makes a new cluster with the binaries in {@code bin}, starts it, and creates database {@code database}. */
    static OwnPostgres start(Path bin, String database) {
        try {
            // not under the test's @TempDir: the postgres user must be able to reach the folder
            Path root = Files.createTempDirectory("playstream-faults-pg");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            OwnPostgres server = new OwnPostgres(bin, root, RestartablePorts.next());
            try {
                run("chown", USER + ":" + USER, root.toString());
                server.asPostgres(server.bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", USER,
                        "-A", "trust", "--no-sync", "-E", "UTF8", "--locale", "C");
                server.start();
                try (Connection connection = DriverManager.getConnection(server.url("postgres"));
                     Statement sql = connection.createStatement()) {
                    sql.execute("create database " + database);
                }
                return server;
            } catch (RuntimeException | SQLException e) {
                server.close();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pg_ctl start}, waiting until it accepts connections (after crash recovery, when killed before). */
    void start() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "120",
                "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c max_connections=60", "start");
    }

    /** SIGKILL to the postmaster and all its processes at once; returns when none of them is left. */
    void kill() {
        long postmaster = postmasterPid();
        List<ProcessHandle> processes = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(p -> {
            processes.add(p);
            p.descendants().forEach(processes::add);
        });
        processes.forEach(ProcessHandle::destroyForcibly);
        Await.until(() -> processes.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30),
                () -> "PostgreSQL processes still alive after SIGKILL: " + processes);
    }

    /** A JDBC URL of {@code database} on this server, as user postgres. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    int port() {
        return port;
    }

    /** The server's own log (crash recovery shows there). */
    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running (no postmaster.pid)", e);
        }
    }

    private void asPostgres(String... command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                kill();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
