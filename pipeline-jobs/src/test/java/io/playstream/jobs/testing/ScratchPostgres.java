package io.playstream.jobs.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth),
 * with a random name, dropped on close.
 */
public final class ScratchPostgres implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String name;

    private ScratchPostgres(String name) {
        this.name = name;
    }

    public static ScratchPostgres create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name);
        return new ScratchPostgres(name);
    }

    /** The JDBC URL of this database. */
    public String url() {
        return SERVER + name + "?user=postgres";
    }

    @Override
    public void close() {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres?user=postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed: " + e.getMessage(), e);
        }
    }
}
