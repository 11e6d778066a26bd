package io.playstream.jobs.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run JobRunr: where its store is, how it polls, retries and shows itself.
 *
 * @param storage        {@value #EMBEDDED} (an H2 file under {@code dataDir}) or a {@code jdbc:postgresql:} URL
 * @param password       the store's password (from the environment only), when it needs one
 * @param dashboardPort  0 picks a free port; negative disables the dashboard
 * @param backoffSeed    the base of JobRunr's exponential backoff: attempt n waits about seed^n seconds
 * @param followUpLoads  whether a load that brought rows sets off a follow-up transform job (scheduled
 *                       mode); in continuous mode the micro-batch loop transforms instead
 */
public record JobsSettings(String storage, Path dataDir, Optional<String> password, Duration pollInterval,
                           int workers, int retries, int backoffSeed, String dashboardHost, int dashboardPort,
                           boolean followUpLoads) {

    public static final String EMBEDDED = "embedded";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /**
     * Workers, not cores: loads and transforms mostly wait on the warehouse and the store. Besides a
     * running transform and at most one follow-up waiting, loads and API runs need workers of their own, or a
     * run waiting for the transform lock would hold the only free one.
     */
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_RETRIES = 5;
    public static final int DEFAULT_BACKOFF_SEED = 3;

    public JobsSettings {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(dashboardHost, "dashboardHost");
        if (!isEmbedded(storage) && !storage.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jobs.storage must be 'embedded' or a jdbc:postgresql: URL, got '" + storage + "'");
        }
        if (workers < 1 || retries < 0 || backoffSeed < 1) {
            throw new IllegalArgumentException("jobs workers >= 1, retries >= 0 and backoff seed >= 1 are required");
        }
    }

    /** Embedded store under {@code dataDir}, default polling, dashboard off: the shape tests start from. */
    public static JobsSettings embedded(Path dataDir) {
        return new JobsSettings(EMBEDDED, dataDir, Optional.empty(), DEFAULT_POLL_INTERVAL, DEFAULT_WORKERS,
                DEFAULT_RETRIES, DEFAULT_BACKOFF_SEED, "127.0.0.1", -1, true);
    }

    public JobsSettings withStorage(String newStorage) {
        return new JobsSettings(newStorage, dataDir, password, pollInterval, workers, retries, backoffSeed, dashboardHost, dashboardPort, followUpLoads);
    }

    public JobsSettings withRetries(int newRetries, int newBackoffSeed) {
        return new JobsSettings(storage, dataDir, password, pollInterval, workers, newRetries, newBackoffSeed, dashboardHost, dashboardPort, followUpLoads);
    }

    public JobsSettings withDashboard(String host, int port) {
        return new JobsSettings(storage, dataDir, password, pollInterval, workers, retries, backoffSeed, host, port, followUpLoads);
    }

    public JobsSettings withFollowUpLoads(boolean follow) {
        return new JobsSettings(storage, dataDir, password, pollInterval, workers, retries, backoffSeed, dashboardHost, dashboardPort, follow);
    }

    static boolean isEmbedded(String storage) {
        return EMBEDDED.equals(storage);
    }

    @Override
    public String toString() {
        return "JobsSettings[storage=" + storage + ", dataDir=" + dataDir + ", password=" + (password.isPresent() ? "****" : "none")
                + ", pollInterval=" + pollInterval + ", workers=" + workers + ", retries=" + retries
                + ", backoffSeed=" + backoffSeed + ", dashboard=" + dashboardHost + ":" + dashboardPort
                + ", followUpLoads=" + followUpLoads + "]";
    }
}
