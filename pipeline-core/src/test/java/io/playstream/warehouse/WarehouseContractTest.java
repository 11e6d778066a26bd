package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.Await;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.RelationType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every warehouse adapter promises, run against each one that can run here (one subclass per
 * database): its dbt name, a dialect whose statements the database runs, bronze tables its bulk
 * loader can create again and again, and two locks, each letting one holder in at a time, that do
 * not wait for each other. Snowflake's statements are checked as text in SnowflakeStatementsTest
 * and DialectTest.
 */
abstract class WarehouseContractTest {

    @TempDir
    Path temp;

    Warehouse warehouse;

    /** A warehouse with nothing built yet. */
    abstract Warehouse freshWarehouse(Path temp) throws Exception;

    /** dbt's name for this database. */
    abstract String expectedDbtType();

    /** Whether someone waits for the warehouse's load lock right now. */
    abstract boolean aLoadWaits() throws Exception;

    /** Whether someone waits for the warehouse's transform lock right now. */
    abstract boolean aTransformWaits() throws Exception;

    @BeforeEach
    void open() throws Exception {
        warehouse = freshWarehouse(temp);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void namesItsDatabaseAsDbtDoes() {
        assertThat(warehouse.dbtType()).isEqualTo(expectedDbtType());
    }

    @Test
    void aSecondLoadWaitsUntilTheFirstLetsGo() throws Exception {
        secondHolderWaitsForTheFirst(warehouse::loadLock, this::aLoadWaits);
    }

    @Test
    void aSecondTransformRunWaitsUntilTheFirstLetsGo() throws Exception {
        secondHolderWaitsForTheFirst(warehouse::transformLock, this::aTransformWaits);
    }

    @Test
    void aLoadAndATransformRunDoNotWaitForEachOther() throws Exception {
        try (WarehouseLock load = warehouse.loadLock()) {
            CompletableFuture<Void> transform = CompletableFuture.runAsync(() -> warehouse.transformLock().close());
            transform.get(20, TimeUnit.SECONDS);
        }
        try (WarehouseLock transform = warehouse.transformLock()) {
            CompletableFuture.runAsync(() -> warehouse.loadLock().close()).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDialectsStatementsBuildAndSwapATable() throws Exception {
        Dialect dialect = warehouse.dialect();
        Relation target = new Relation("contract", "plays");
        Relation staged = new Relation("contract", "plays__dbt_tmp");
        run(dialect.createSchema("contract"), dialect.createTableAs(target, "select 1 as plays"));
        run(dialect.createTableAs(staged, "select 2 as plays union all select 3 as plays"));

        run(dialect.swap(staged, target, RelationType.TABLE, RelationType.TABLE).toArray(String[]::new));
        run(dialect.addColumn(target, "skips", "integer"));

        assertThat(count("select count(*) from contract.plays where plays > 1 and skips is null")).isEqualTo(2);
    }

    @Test
    void aBatchStagedInTheTemporarySchemaIsItsSessionsOwn() throws Exception {
        Dialect dialect = warehouse.dialect();
        Relation staged = new Relation(dialect.temporarySchema("contract"), "plays__dbt_tmp");
        run(dialect.createSchema("contract"), dialect.createTableAs(new Relation("contract", "plays"), "select 1 as plays"));
        try (Connection session = warehouse.connect(); Statement statement = session.createStatement()) {
            statement.execute(dialect.drop(staged, RelationType.TABLE)); // none yet: dropping it is harmless
            statement.execute(dialect.createTemporaryTableAs(staged, "select 2 as plays union all select 3 as plays"));
            statement.execute(dialect.insert(new Relation("contract", "plays"), staged, List.of("plays")));

            assertThatThrownBy(() -> count("select count(*) from " + staged)).as("another session's view").isInstanceOf(SQLException.class);
            statement.execute(dialect.drop(staged, RelationType.TABLE));
        }
        assertThat(count("select count(*) from contract.plays")).isEqualTo(3);
    }

    @Test
    void theBulkLoadersTablesCanBeCreatedAgainOverThemselves() throws Exception {
        List<String> create = warehouse.bulkLoader(new FileSystemObjectStore(temp.resolve("store"))).createStatements();
        run(create.toArray(String[]::new));
        run(create.toArray(String[]::new));

        assertThat(count("select count(*) from " + BronzeTables.EVENTS)).isZero();
        assertThat(count("select count(*) from " + BronzeTables.MANIFEST)).isZero();
    }

    /** The second holder takes and lets go in its own thread, as a load or a run does (DuckDB's locks are a thread's own). */
    private static void secondHolderWaitsForTheFirst(Supplier<WarehouseLock> lock, Await.Condition waits)
            throws Exception {
        CompletableFuture<Void> second;
        try (WarehouseLock first = lock.get()) {
            second = CompletableFuture.runAsync(() -> lock.get().close());
            Await.until(waits, Duration.ofSeconds(20), () -> "the second holder does not wait for the lock");
            assertThat(second).isNotDone();
        }
        second.get(20, TimeUnit.SECONDS);
        assertThat(waits.holds()).isFalse();
    }

    void run(String... statements) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
