package io.playstream.jobs.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    /** A connection to this database. */
    public Connection connect() {
        try {
            return DriverManager.getConnection(url());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements in this database. */
    public void update(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of every row of a query in this database, as text (null stays null). */
    public List<String> column(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A query's single number, e.g. a count. */
    public long number(String sql) {
        List<String> values = column(sql);
        if (values.size() != 1 || values.get(0) == null) {
            throw new IllegalStateException("expected one number from " + sql + ", got " + values);
        }
        return Long.parseLong(values.get(0));
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
