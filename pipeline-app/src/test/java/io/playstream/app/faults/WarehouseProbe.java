package io.playstream.app.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The test's own connection to the app's PostgreSQL warehouse: counts, and the warehouse fault:
 * {@code pg_terminate_backend} on the app's session while it runs a given kind of statement.
 */
final class WarehouseProbe implements AutoCloseable {

    /** The loader's bulk load ({@code copy bronze.spotify_events (...) from stdin}), a regular expression. */
    static final String LOAD_STATEMENT = "^copy bronze\\.";
    /** Any statement of the transform building silver or gold (not its lock, not the loader), a regular expression. */
    static final String TRANSFORM_STATEMENT = "(silver|gold)";

    private final Connection connection;

    WarehouseProbe(String jdbcUrl) {
        try {
            connection = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the warehouse " + jdbcUrl, e);
        }
    }

    /** A statement another session of this database is running, and the session's {@code application_name}. */
    record Session(int pid, String application, String statement) {
    }

    /**
     * Waits until another session of this database runs a statement matching {@code pattern}; empty on
     * timeout. Polls every few milliseconds, since a load's bulk copy lasts a fraction of a second.
     */
    Optional<Session> awaitStatement(String pattern, Duration timeout) throws SQLException {
        String find = "select pid, application_name, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) from pg_stat_activity"
                + " where datname = current_database() and pid <> pg_backend_pid() and state = 'active'"
                + " and query ~* ? and query not ilike '%pg_advisory%' and query not ilike '%pg_stat_activity%' limit 1";
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement statement = connection.prepareStatement(find)) {
            statement.setString(1, pattern);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new Session(rs.getInt(1), rs.getString(2), rs.getString(3)));
                    }
                }
                ChildJvm.pause(5);
            }
        }
        return Optional.empty();
    }

    /** Waits for a statement like {@code pattern} and terminates its session; returns it, or empty on timeout. */
    Optional<Session> terminateWhileRunning(String pattern, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Session> session = awaitStatement(pattern, Duration.ofNanos(deadline - System.nanoTime()));
            if (session.isPresent() && terminate(session.get().pid())) {
                return session;
            }
        }
        return Optional.empty();
    }

    private boolean terminate(int pid) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select pg_terminate_backend(" + pid + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Whether some session waits for the loader's lock right now (two loads at once). */
    boolean aLoadWaitsForTheLock() throws SQLException {
        return count("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                + " and query ilike '%pg_advisory_xact_lock%'") > 0;
    }

    long bronzeRows() throws SQLException {
        return tableExists("bronze", "spotify_events") ? count("select count(*) from bronze.spotify_events") : 0;
    }

    /** How many rows bronze holds of each event id. */
    Map<String, Long> bronzeRowsPerId() throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select event_id, count(*) from bronze.spotify_events group by event_id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }

    Set<String> silverIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select event_id from silver.stg_events")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** The other sessions of this database, what they run and wait for: what a failure report needs. */
    java.util.List<String> sessions() throws SQLException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select pid, state, coalesce(wait_event_type, '-') || '/' || coalesce(wait_event, '-'),"
                        + " round(extract(epoch from now() - query_start)::numeric, 1), left(regexp_replace(query, '\\s+', ' ', 'g'), 120)"
                        + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() order by pid")) {
            while (rs.next()) {
                lines.add(String.format(java.util.Locale.ROOT, "pid=%d %s wait=%s for %s s: %s", rs.getInt(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return lines;
    }

    Statement statement() throws SQLException {
        return connection.createStatement();
    }

    long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean tableExists(String schema, String table) throws SQLException {
        return count("select count(*) from information_schema.tables where table_schema = '" + schema
                + "' and table_name = '" + table + "'") > 0;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
