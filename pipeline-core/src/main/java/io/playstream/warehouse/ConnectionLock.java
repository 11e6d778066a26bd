package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A server-side lock that lives as long as its own connection: a crashed process loses its
 * connection, and with it the lock, so no lock can leak. Either held by an open transaction
 * (PostgreSQL's {@code pg_advisory_xact_lock}, Snowflake's row lock) or by the session itself
 * (PostgreSQL's {@code pg_advisory_lock}).
 */
final class ConnectionLock implements WarehouseLock {

    private final Connection connection;

    private ConnectionLock(Connection connection) {
        this.connection = connection;
    }

    /** Runs {@code statements} in a transaction that stays open until {@link #close}. */
    static ConnectionLock inTransaction(Connection connection, String... statements) throws SQLException {
        return take(connection, false, statements);
    }

    /** Runs {@code statements} on a session that stays open until {@link #close}. */
    static ConnectionLock inSession(Connection connection, String... statements) throws SQLException {
        return take(connection, true, statements);
    }

    private static ConnectionLock take(Connection connection, boolean autoCommit, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(autoCommit);
            for (String sql : statements) {
                statement.execute(sql);
            }
            return new ConnectionLock(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // the connection is gone, and with it the lock
        }
    }
}
