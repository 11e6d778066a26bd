package io.playstream.jobs;

import io.playstream.warehouse.Completeness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seam between the jobs and pipeline-core: the stages a job may run. The application binds it
 * to the bronze loader and the transform runner. Both operations must be idempotent (the loader
 * skips objects already in its manifest; the runner's models are incremental or rebuilt), because
 * a job may run them again after a crash or a retry.
 *
 * <p>Failures are sorted by {@link io.playstream.Failures}: transient ones (a lost connection, a
 * deadlock) are retried with backoff; permanent ones (bad configuration, a failing data test) and
 * unknown ones (not known to pass) fail the job at once.
 */
public interface PipelineStages {

    /** Loads bronze objects not loaded yet; only those whose hour falls in {@code interval} when present. */
    StageReport load(Optional<DataInterval> interval);

    /**
     * Runs the transform project, only the models that {@code selector} picks when present. A full
     * transform that succeeds moves gold's completeness watermark up to what was loaded before it started.
     */
    StageReport transform(Optional<String> selector, boolean fullRefresh);

    /**
     * Loads the announced bronze {@code keys} not loaded yet (no listing of the store) and records the
     * sink's partition {@code watermarks} with them, exactly once.
     */
    StageReport loadAnnounced(List<String> keys, Map<String, Instant> watermarks);

    /**
     * Brings gold up to what is loaded: a full incremental transform when load batches committed
     * that the last full transform did not read; else only gold's watermark moves, when the loaded
     * watermarks did; else nothing (reported with {@link StageReport#NOTHING_NEW}).
     */
    default StageReport catchUp() {
        return catchUp(true);
    }

    /**
     * As {@link #catchUp()}; without the data tests when {@code tests} is false (continuous mode
     * runs them on a cadence of its own: models only, as {@code dbt run}).
     */
    StageReport catchUp(boolean tests);

    /**
     * The warehouse as it stands now, between two transforms, pinned for a selection run from
     * another thread while the next transforms go on ({@link WarehouseSnapshot}); empty where the
     * warehouse keeps no such snapshot (PostgreSQL, Snowflake), so the selection runs with
     * {@link #transform} instead, under the transform lock.
     */
    Optional<WarehouseSnapshot> pinSnapshot();

    /** The warehouse's watermarks and whether gold is behind the loads. */
    Completeness.Snapshot completeness();
}
