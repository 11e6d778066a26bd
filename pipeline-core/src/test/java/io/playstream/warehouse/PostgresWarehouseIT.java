package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.ScratchPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter contract on the real PostgreSQL server: a database of its own for the class, emptied
 * before each test; its locks are advisory locks.
 */
class PostgresWarehouseIT extends WarehouseContractTest {

    private static ScratchPostgres database;

    @BeforeAll
    static void createDatabase() {
        database = ScratchPostgres.create("playstream_adapter");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    Warehouse freshWarehouse(Path temp) throws SQLException {
        Warehouse warehouse = database.warehouse();
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists bronze cascade; drop schema if exists contract cascade");
        }
        return warehouse;
    }

    @Override
    String expectedDbtType() {
        return "postgres";
    }

    @Override
    boolean aLoadWaits() throws Exception {
        return waitingFor(PostgresWarehouse.LOAD_LOCK_KEY);
    }

    @Override
    boolean aTransformWaits() throws Exception {
        return waitingFor(PostgresWarehouse.TRANSFORM_LOCK_KEY);
    }

    /** Silver reads the newest load batches of bronze by {@code _loaded_at}: a BRIN index spares it the rest. */
    @Test
    void bronzeHasABlockRangeIndexOnTheLoadStamp() throws Exception {
        run(warehouse.bulkLoader(new FileSystemObjectStore(temp.resolve("store"))).createStatements().toArray(String[]::new));

        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
                ResultSet index = statement.executeQuery("select indexdef from pg_indexes where schemaname = 'bronze'"
                        + " and indexname = 'spotify_events_loaded_at'")) {
            assertThat(index.next()).as("bronze.spotify_events_loaded_at exists").isTrue();
            assertThat(index.getString(1)).endsWith("USING brin (_loaded_at)");
        }
    }

    /**
     * Why PostgreSQL pins no snapshot for the data tests: {@code REPEATABLE READ} keeps the rows as
     * they were but not the relations; a table replaced after the snapshot (as the runner swaps a
     * rebuilt table in) is the new one, whose rows are all newer than the snapshot: it reads empty.
     */
    @Test
    void repeatableReadKeepsRowsButNotReplacedTablesSoNoSnapshotIsPinned() throws Exception {
        assertThat(warehouse.connectAtSnapshot()).isEmpty();
        run("create schema contract", "create table contract.plays as select 1 as play union all select 2",
                "create table contract.rebuilt as select 1 as play");
        try (Connection pinned = warehouse.connect(); Statement reads = pinned.createStatement()) {
            pinned.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            pinned.setAutoCommit(false);
            reads.executeQuery("select count(*) from information_schema.tables").close();
            run("insert into contract.plays values (3)",
                    "begin; create table contract.rebuilt_new as select 1 as play union all select 2;"
                            + " drop table contract.rebuilt; alter table contract.rebuilt_new rename to rebuilt; commit");

            assertThat(count(reads, "select count(*) from contract.plays")).as("rows committed after the snapshot").isEqualTo(2);
            assertThat(count(reads, "select count(*) from contract.rebuilt")).as("a table replaced after the snapshot").isZero();
            pinned.rollback();
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** An advisory lock on a bigint key shows its high half as classid and its low half as objid. */
    private boolean waitingFor(long key) throws Exception {
        return count("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                + " and database = (select oid from pg_database where datname = current_database())"
                + " and classid = " + (key >>> 32) + " and objid = " + (key & 0xffff_ffffL)) > 0;
    }
}
