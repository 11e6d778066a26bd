package io.playstream.transform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh PostgreSQL database with a random name on the local server, dropped on close. */
public final class PostgresDatabase implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private final String name;

    public PostgresDatabase(String prefix) {
        this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("create database " + name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database, as user postgres. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }

    public io.playstream.warehouse.Warehouse warehouse() {
        return JdbcWarehouse.postgres(name);
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin("drop database if exists " + name + " with (force)");
    }
}
