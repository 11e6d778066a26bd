package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The warehouse-side lock that serialises loads, held from before the manifest is read until the
 * last batch is committed, so a second load waits and then finds nothing to do.
 * PostgreSQL: {@code pg_advisory_xact_lock} in a transaction of its own connection (a crashed
 * process loses its connection, so the lock cannot leak). DuckDB: one writing process per file is
 * DuckDB's own rule; inside it, a lock per file. Snowflake: a row lock on {@code bronze._load_lock}
 * held by an open transaction (see {@link SnowflakeStatements}).
 */
abstract class LoadLock implements AutoCloseable {

    /** The advisory lock's key: any constant that no other application picks. */
    static final long POSTGRES_LOCK_KEY = 0x706c_6179_5f62_726eL; // "play_brn"

    private static final Map<String, ReentrantLock> OTHER_IN_PROCESS = new HashMap<>();

    @Override
    public abstract void close();

    static LoadLock acquire(Warehouse warehouse) {
        try {
            switch (warehouse.kind()) {
                case POSTGRES:
                    return new TransactionLock(warehouse.connect(), "select pg_advisory_xact_lock(" + POSTGRES_LOCK_KEY + ")");
                case SNOWFLAKE:
                    return SnowflakeStatements.lock(warehouse.connect());
                default:
                    return inProcess(warehouse);
            }
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot take the load lock on " + warehouse.describe(), e);
        }
    }

    private static LoadLock inProcess(Warehouse warehouse) {
        ReentrantLock lock;
        if (warehouse instanceof DuckDbWarehouse duckdb) {
            lock = duckdb.writeLock();
        } else {
            synchronized (OTHER_IN_PROCESS) {
                lock = OTHER_IN_PROCESS.computeIfAbsent(warehouse.describe(), d -> new ReentrantLock(true));
            }
        }
        lock.lock();
        return new LoadLock() {
            @Override
            public void close() {
                lock.unlock();
            }
        };
    }

    /** A lock that lives as long as an open transaction on its own connection. */
    static final class TransactionLock extends LoadLock {
        private final Connection connection;

        TransactionLock(Connection connection, String... statements) throws SQLException {
            this.connection = connection;
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                for (String sql : statements) {
                    statement.execute(sql);
                }
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try (connection) {
                connection.rollback();
            } catch (SQLException e) {
                // the connection is gone, and with it the lock
            }
        }
    }
}
