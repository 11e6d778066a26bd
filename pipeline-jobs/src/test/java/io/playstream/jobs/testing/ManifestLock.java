package io.playstream.jobs.testing;

import io.playstream.testing.Await;
import io.playstream.testing.ScratchPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A transaction that holds {@code bronze._load_manifest} locked, as a long-running statement of
 * someone else would: a load reaches the warehouse and waits there, visibly (PostgreSQL lists it
 * as waiting on a lock) and for real, until the lock is released or its connection is killed.
 */
public final class ManifestLock implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ScratchPostgres database;
    private final Connection connection;

    private ManifestLock(ScratchPostgres database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** Locks the manifest, which must exist (a load has run). */
    public static ManifestLock hold(ScratchPostgres database) {
        Connection connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("lock table bronze._load_manifest in access exclusive mode");
            return new ManifestLock(database, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the manifest: " + e.getMessage(), e);
        }
    }

    /** How many other sessions of this database wait for a lock right now. */
    public long waiting() {
        return database.number("select count(*) from pg_stat_activity where datname = current_database() "
                + "and wait_event_type = 'Lock' and pid <> pg_backend_pid()");
    }

    /** Waits until a load waits on this lock. */
    public void awaitWaitingLoad() {
        Await.await(PATIENCE, this::waiting, n -> n >= 1);
    }

    /** Kills the connections waiting on this lock, as an operator or a failover would: their statements fail with 57P01. */
    public long terminateWaiting() {
        return database.number("select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity "
                + "where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()) killed");
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
