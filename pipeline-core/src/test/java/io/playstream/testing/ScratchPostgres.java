package io.playstream.testing;

import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A database of the test's own on the test PostgreSQL server, with a random name, dropped on close: the one
 * way tests get a PostgreSQL database. The server is system property {@value #SERVER_PROPERTY} (Surefire and
 * Failsafe forward it from the build), by default {@value #DEFAULT_SERVER}: a server URL without a database,
 * whose parameters (user, password) every database's URL keeps.
 */
public final class ScratchPostgres implements AutoCloseable {

    public static final String SERVER_PROPERTY = "playstream.test.postgres";
    public static final String DEFAULT_SERVER = "jdbc:postgresql://127.0.0.1:5432/?user=postgres";

    private final String name;

    private ScratchPostgres(String name) {
        this.name = name;
    }

    /** Creates a database named {@code prefix} and a random suffix. */
    public static ScratchPostgres create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("create database " + name);
        return new ScratchPostgres(name);
    }

    /**
     * The JDBC URL of {@code database} on the test server, whether or not it exists (tests of a missing
     * database use it too).
     */
    public static String urlOf(String database) {
        String server = System.getProperty(SERVER_PROPERTY, DEFAULT_SERVER);
        int query = server.indexOf('?');
        String base = query < 0 ? server : server.substring(0, query);
        String parameters = query < 0 ? "" : server.substring(query);
        if (!base.startsWith("jdbc:postgresql://") || base.replaceFirst("^jdbc:postgresql://[^/]*/?", "").length() > 0) {
            throw new IllegalStateException(SERVER_PROPERTY + " must be a server URL without a database, like "
                    + DEFAULT_SERVER + ", not " + server);
        }
        return (base.endsWith("/") ? base : base + "/") + database + parameters;
    }

    /**
     * libpq's variables (PGHOST, PGPORT, PGUSER, PGDATABASE, and PGPASSWORD when the URL has one) for
     * {@code database} on the test server, for programs that are not Java (dbt).
     */
    public static Map<String, String> libpqEnvironment(String database) {
        Properties url = org.postgresql.Driver.parseURL(urlOf(database), null);
        if (url == null) {
            throw new IllegalStateException("not a PostgreSQL URL: " + urlOf(database));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PGHOST", url.getProperty("PGHOST", "127.0.0.1"));
        environment.put("PGPORT", url.getProperty("PGPORT", "5432"));
        environment.put("PGUSER", url.getProperty("user", "postgres"));
        environment.put("PGDATABASE", database);
        if (url.getProperty("password") != null) {
            environment.put("PGPASSWORD", url.getProperty("password"));
        }
        return environment;
    }

    /** The JDBC URL of this database as {@code role} (the server's other parameters kept). */
    public String urlAs(String role) {
        String url = url();
        String withoutUser = url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return withoutUser + (withoutUser.contains("?") ? "&" : "?") + "user=" + role;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database. */
    public String url() {
        return urlOf(name);
    }

    /** A warehouse on this database (the caller closes it). */
    public Warehouse warehouse() {
        return Warehouses.open(url(), Map.of());
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
        admin("drop database if exists " + name + " with (force)");
    }

    private static void admin(String sql) {
        String server = urlOf("postgres");
        try (Connection connection = DriverManager.getConnection(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + server + " (set -D" + SERVER_PROPERTY + " for another server): "
                    + e.getMessage(), e);
        }
    }
}
