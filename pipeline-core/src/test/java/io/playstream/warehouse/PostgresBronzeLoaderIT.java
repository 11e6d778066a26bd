package io.playstream.warehouse;

import io.playstream.testing.ScratchPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The loader's contract on the real PostgreSQL server: a scratch database of its own, created for
 * this class and dropped after it; every test starts without bronze tables.
 */
class PostgresBronzeLoaderIT extends BronzeLoaderContractTest {

    private static ScratchPostgres database;

    @BeforeAll
    static void createDatabase() {
        database = ScratchPostgres.create("playstream_load");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    Warehouse freshWarehouse(Path temp) throws SQLException {
        Warehouse warehouse = database.warehouse();
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists bronze cascade; drop schema if exists silver cascade;"
                    + " drop schema if exists gold cascade");
        }
        return warehouse;
    }

    @Override
    boolean aLoadWaitsForTheLock() throws SQLException {
        return count("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                + " and database = (select oid from pg_database where datname = current_database())") > 0;
    }
}
