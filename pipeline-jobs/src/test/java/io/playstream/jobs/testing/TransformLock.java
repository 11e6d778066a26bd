package io.playstream.jobs.testing;

import io.playstream.testing.Await;
import io.playstream.testing.ScratchPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The warehouse's transform lock (the PostgreSQL advisory lock every transform run takes first),
 * held by the test: a transform that starts waits on it, as it would behind a slow transform.
 */
public final class TransformLock implements AutoCloseable {

    /** pipeline-core's {@code PostgresWarehouse.TRANSFORM_LOCK_KEY}: "plays" in ASCII. */
    private static final long RUN_LOCK_KEY = 0x706c617973L;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ScratchPostgres database;
    private final Connection connection;

    private TransformLock(ScratchPostgres database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    public static TransformLock hold(ScratchPostgres database) {
        Connection connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(" + RUN_LOCK_KEY + ")");
            return new TransformLock(database, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the transform lock: " + e.getMessage(), e);
        }
    }

    /** How many sessions wait for the transform lock right now. */
    public long waiting() {
        return database.number("select count(*) from pg_locks where locktype = 'advisory' and not granted "
                + "and database = (select oid from pg_database where datname = current_database())");
    }

    /** Waits until a transform waits on this lock. */
    public void awaitWaitingTransform() {
        Await.await(PATIENCE, this::waiting, n -> n >= 1);
    }

    /** Releases the lock (closing the session releases it). */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
