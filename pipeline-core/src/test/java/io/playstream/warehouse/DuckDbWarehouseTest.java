package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter contract on DuckDB: a database file per test; its locks are the file's own, in this JVM. */
class DuckDbWarehouseTest extends WarehouseContractTest {

    @Override
    Warehouse freshWarehouse(Path temp) {
        return Warehouses.open("duckdb:" + temp.resolve("warehouse.duckdb"), Map.of());
    }

    @Override
    String expectedDbtType() {
        return "duckdb";
    }

    @Override
    boolean aLoadWaits() {
        return ((DuckDbWarehouse) warehouse).aLoadWaits();
    }

    @Override
    boolean aTransformWaits() {
        return ((DuckDbWarehouse) warehouse).aTransformWaits();
    }

    /**
     * What a data test run on a snapshot relies on: rows another connection commits after the pin
     * are not seen, a table it replaces (as the runner swaps a rebuilt table in) is still the old
     * one, and writes of other rows of one table, here and there, both commit.
     */
    @Test
    void aSnapshotSeesNeitherRowsNorRelationsCommittedAfterItAndItsWritesCommitBesideOthers() throws Exception {
        run("create schema contract", "create table contract.plays as select 1 as play union all select 2",
                "create table contract.rebuilt as select 1 as play", "create table contract.state (node_id varchar, version varchar)",
                "insert into contract.state values ('model.a', '1'), ('test.b', '1')");
        try (Connection pinned = warehouse.connectAtSnapshot().orElseThrow(); Statement reads = pinned.createStatement()) {
            run("insert into contract.plays values (3)",
                    "begin", "create table contract.rebuilt_new as select 1 as play union all select 2",
                    "drop table contract.rebuilt", "alter table contract.rebuilt_new rename to rebuilt", "commit");

            assertThat(count(reads, "select count(*) from contract.plays")).as("rows committed after the pin").isEqualTo(2);
            assertThat(count(reads, "select count(*) from contract.rebuilt")).as("a table replaced after the pin").isEqualTo(1);

            reads.execute("delete from contract.state where node_id = 'test.b'");
            reads.execute("insert into contract.state values ('test.b', '2')");
            run("begin", "delete from contract.state where node_id = 'model.a'", "insert into contract.state values ('model.a', '2')",
                    "commit");
            pinned.commit();
        }
        assertThat(count("select count(*) from contract.state where version = '2'")).as("both transactions' rows").isEqualTo(2);
        assertThat(count("select count(*) from contract.state")).isEqualTo(2);
    }

    /**
     * A commit made when the log is past DuckDB's default 16 MB does not checkpoint inside the
     * commit (the log keeps growing), and a checkpoint still merges the row groups deletes left
     * sparse, so the file does not keep every deleted row (DuckDbWarehouse.CHECKPOINT_SETTINGS).
     */
    @Test
    void commitsPastSixteenMegabytesOfLogDoNotCheckpointAndCheckpointsStillMergeSparseRowGroups() throws Exception {
        Path log = Path.of(((DuckDbWarehouse) warehouse).file() + ".wal");
        run("create schema compaction", "create table compaction.plays (id bigint, payload varchar)", "checkpoint");
        // each under auto_checkpoint_skip_wal_threshold's 100,000 rows, so it goes through the log;
        // DuckDB's defaults checkpoint at the second, which finds 24 MB of log
        run("insert into compaction.plays select range, repeat('x', 250) || range from range(90000)");
        run("insert into compaction.plays select range, repeat('x', 250) || range from range(90000)");
        assertThat(Files.exists(log) ? Files.size(log) : 0).as("the log after two commits of about 24 MB").isGreaterThan(40L << 20);
        run("delete from compaction.plays", "checkpoint");

        for (int rowGroup = 0; rowGroup < 6; rowGroup++) {
            run("insert into compaction.plays select range, 'play ' || range from range(" + rowGroup * 122_880L + ", "
                    + (rowGroup + 1) * 122_880L + ")", "checkpoint");
        }
        long before = count(ROW_GROUPS);
        run("delete from compaction.plays where id % 10 <> 0", "checkpoint");

        assertThat(count(ROW_GROUPS)).as("row groups, against %d before the deletes", before).isLessThan(before);
        assertThat(count("select count(*) from compaction.plays")).isEqualTo(6 * 12_288);
    }

    private static final String ROW_GROUPS =
            "select count(distinct row_group_id) from pragma_storage_info('compaction.plays')";

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
