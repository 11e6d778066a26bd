package io.playstream.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The loader's contract on the real PostgreSQL server at 127.0.0.1:5432: its own database, created
 * for this class and dropped after it; every test starts without bronze tables.
 */
class PostgresBronzeLoaderIT extends BronzeLoaderContractTest {

    static final String SERVER = System.getProperty("playstream.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    static final String DATABASE = "playstream_load_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void createDatabase() throws SQLException {
        admin("create database " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        admin("drop database if exists " + DATABASE + " with (force)");
    }

    @Override
    Warehouse freshWarehouse(Path temp) throws SQLException {
        Warehouse warehouse = Warehouses.open(SERVER + DATABASE + "?user=postgres", Map.of());
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

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
