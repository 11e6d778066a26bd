package io.playstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.playstream.PlaystreamException.Kind;
import io.playstream.testing.ScratchPostgres;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of failure, provoked for real on PostgreSQL, DuckDB, the file system and the network,
 * and how {@link Failures} sorts it: what may pass is transient, what cannot is permanent, and what
 * nobody sorted is unknown (not retried).
 */
class FailuresIT {

    private static ScratchPostgres database;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        database = ScratchPostgres.create("playstream_failures");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aPostgresSessionTerminatedByTheServerIsTransient() throws Exception {
        try (Connection victim = postgres(); Connection admin = postgres(); Statement statement = admin.createStatement()) {
            int pid = pid(victim);
            statement.execute("select pg_terminate_backend(" + pid + ")");

            assertThat(Failures.classify(failureOf(victim, "select 1"))).isEqualTo(Kind.TRANSIENT);
        }
    }

    @Test
    void aPostgresLockTimeoutIsTransient() throws Exception {
        try (Connection holder = postgres(); Connection waiter = postgres()) {
            run(holder, "create table if not exists held (id int)");
            holder.setAutoCommit(false);
            run(holder, "lock table held in access exclusive mode");
            run(waiter, "set lock_timeout = '50ms'");

            SQLException failure = failureOf(waiter, "select * from held");
            assertThat(failure.getSQLState()).isEqualTo("55P03");
            assertThat(Failures.classify(failure)).isEqualTo(Kind.TRANSIENT);
            holder.rollback();
        }
    }

    @Test
    void aPostgresServerThatRefusesConnectionsIsTransient() throws Exception {
        Warehouse nowhere = Warehouses.open("jdbc:postgresql://127.0.0.1:" + closedPort() + "/none?user=postgres", Map.of());

        Throwable failure = catchThrowable(nowhere::connect);

        assertThat(Failures.classify(failure)).isEqualTo(Kind.TRANSIENT);
        assertThat(((PlaystreamException) failure).isRetriable()).isTrue();
    }

    @Test
    void aPostgresSyntaxErrorAndAMissingDatabaseArePermanent() throws Exception {
        try (Connection connection = postgres()) {
            assertThat(Failures.classify(failureOf(connection, "selec 1"))).isEqualTo(Kind.PERMANENT);
        }
        Warehouse missing = Warehouses.open(ScratchPostgres.urlOf(database.name() + "_missing"), Map.of());
        assertThat(Failures.classify(catchThrowable(missing::connect))).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void anExceptionRaisedByAPostgresFunctionIsUnknownAndSaysItIsNotRetried() throws Exception {
        try (Connection connection = postgres()) {
            SQLException failure = failureOf(connection, "do $$ begin raise exception 'nobody sorted this'; end $$");

            assertThat(Failures.classify(failure)).isEqualTo(Kind.UNKNOWN);
            assertThat(Failures.wrap("transform failed", failure))
                    .satisfies(e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("unknown failure: not retried");
        }
    }

    @Test
    void duckDbSortsByItsErrorTypeSinceItSetsNoSqlState() throws Exception {
        try (Warehouse duckdb = Warehouses.open("duckdb:" + dir.resolve("w.duckdb"), Map.of());
                Connection first = duckdb.connect(); Connection second = duckdb.connect()) {
            assertThat(Failures.classify(failureOf(first, "selec 1"))).isEqualTo(Kind.PERMANENT);
            assertThat(Failures.classify(failureOf(first, "select * from missing_table"))).isEqualTo(Kind.PERMANENT);
            run(first, "create table plays (n int)", "insert into plays values (1)");
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            run(first, "update plays set n = 2");

            assertThat(Failures.classify(failureOf(second, "update plays set n = 3"))).as("write-write conflict")
                    .isEqualTo(Kind.TRANSIENT);
            first.rollback();
            second.rollback();
            assertThat(Failures.classify(failureOf(first, "copy plays from '" + dir.resolve("absent.csv") + "'")))
                    .as("an IO error is not sorted: it fails closed").isEqualTo(Kind.UNKNOWN);
        }
    }

    @Test
    void badInputAndMissingFilesArePermanentAndAnyOtherIoFailureIsUnknown() {
        assertThat(Failures.classify(catchThrowable(() -> Warehouses.open("mysql://nope", Map.of()))))
                .isEqualTo(Kind.PERMANENT);
        assertThat(Failures.classify(catchThrowable(() -> readUnchecked(dir.resolve("absent.txt")))))
                .isEqualTo(Kind.PERMANENT);
        assertThat(Failures.classify(catchThrowable(() -> readUnchecked(dir)))).as("reading a folder")
                .isEqualTo(Kind.UNKNOWN);
        assertThat(Failures.classify(catchThrowable(() -> new Socket("127.0.0.1", closedPort()).close())))
                .isEqualTo(Kind.TRANSIENT);
    }

    private static String readUnchecked(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Connection postgres() throws SQLException {
        return DriverManager.getConnection(database.url());
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void run(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static SQLException failureOf(Connection connection, String sql) {
        Throwable failure = catchThrowable(() -> run(connection, sql));
        assertThat(failure).as(sql).isInstanceOf(SQLException.class);
        return (SQLException) failure;
    }
}
