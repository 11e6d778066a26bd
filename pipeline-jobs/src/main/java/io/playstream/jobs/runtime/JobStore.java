package io.playstream.jobs.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.h2.H2StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;

/**
 * JobRunr's job store over a pooled connection: an H2 database file for one machine (JobRunr's SQL
 * storage supports H2 in file mode with row-level locking; SQLite, also supported, admits one writer
 * at a time for the whole file, which JobRunr's worker, zookeeper and dashboard threads would all
 * contend on), or PostgreSQL, which several instances share for jobs and schedules.
 */
final class JobStore implements AutoCloseable {

    private static final int POOL_SIZE = 8;

    private final HikariDataSource dataSource;
    private final StorageProvider provider;

    private JobStore(HikariDataSource dataSource, StorageProvider provider) {
        this.dataSource = dataSource;
        this.provider = provider;
    }

    static JobStore open(JobsSettings settings) {
        HikariConfig pool = new HikariConfig();
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setPoolName("jobrunr");
        if (JobsSettings.isEmbedded(settings.storage())) {
            Path folder = settings.dataDir().resolve("jobrunr");
            createFolder(folder);
            // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not close the file before JobRunr stops
            pool.setJdbcUrl("jdbc:h2:file:" + folder.resolve("jobs").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        } else {
            pool.setJdbcUrl(settings.storage());
            settings.password().ifPresent(pool::setPassword);
        }
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            StorageProvider provider = JobsSettings.isEmbedded(settings.storage())
                    ? new H2StorageProvider(dataSource)
                    : new PostgresStorageProvider(dataSource);
            return new JobStore(dataSource, provider);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the job store folder " + folder, e);
        }
    }

    StorageProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        provider.close();
        dataSource.close();
    }
}
