package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * The completeness watermark, "gold is complete through T", kept in the warehouse.
 * <ul>
 * <li>{@code bronze._partition_watermarks}: per Kafka partition, the sink's watermark as announced
 *     with the objects it stored (see {@code io.playstream.stream.BronzeNotice}); written by the
 *     loader in the transaction of the batch that loads those objects, so it is exactly once with
 *     them, and only ever moves forward.</li>
 * <li>{@code bronze._gold_watermark}: one row. After a full transform succeeds, T = the minimum
 *     over partitions of the watermarks read before it started, and the last load batch it covered
 *     ({@code covered_loaded_at}). When no batch is newer than that, T may also move up to the
 *     loaded watermarks without a transform: nothing new was loaded, so gold already holds it.</li>
 * </ul>
 * Every statement is plain SQL that DuckDB, PostgreSQL and Snowflake share.
 */
public final class Completeness {

    static final String PARTITIONS = "bronze._partition_watermarks";
    static final String GOLD = "bronze._gold_watermark";

    private Completeness() {
    }

    /**
     * What the warehouse knows, read in this order: partition watermarks, then the last load batch,
     * then gold's row; so a batch committed between the first two reads counts as not yet transformed.
     *
     * @param loadedThrough the minimum of the partitions' watermarks (empty before any notice)
     * @param lastLoadedAt  the newest load batch's stamp
     * @param goldThrough   gold's watermark
     * @param goldCovered   the newest load batch the last full transform read
     * @param goldBuiltAt   when gold's watermark was last written
     */
    public record Snapshot(Optional<Instant> loadedThrough, int partitions, Optional<LocalDateTime> lastLoadedAt,
                           Optional<Instant> goldThrough, Optional<LocalDateTime> goldCovered, Optional<Instant> goldBuiltAt) {

        public static final Snapshot EMPTY = new Snapshot(Optional.empty(), 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        /** Whether a load batch committed that no full transform has read yet. */
        public boolean goldBehind() {
            return lastLoadedAt.isPresent() && (goldCovered.isEmpty() || lastLoadedAt.get().isAfter(goldCovered.get()));
        }

        /** Whether gold's watermark may move to {@link #loadedThrough} with no transform (nothing untransformed). */
        public boolean watermarkBehind() {
            return !goldBehind() && loadedThrough.isPresent()
                    && (goldThrough.isEmpty() || loadedThrough.get().isAfter(goldThrough.get()));
        }
    }

    /** The warehouse's watermarks; {@link Snapshot#EMPTY} before the first load created the tables. */
    public static Snapshot read(Warehouse warehouse) {
        try (Connection connection = warehouse.connect()) {
            if (!exists(connection, "_gold_watermark")) {
                return Snapshot.EMPTY;
            }
            Optional<Instant> loadedThrough;
            int partitions;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select min(complete_through), count(*) from " + PARTITIONS)) {
                rows.next();
                loadedThrough = instant(rows.getTimestamp(1));
                partitions = rows.getInt(2);
            }
            Optional<LocalDateTime> lastLoadedAt;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select max(loaded_at) from " + BronzeTables.MANIFEST)) {
                rows.next();
                lastLoadedAt = Optional.ofNullable(rows.getTimestamp(1)).map(Timestamp::toLocalDateTime);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select complete_through, covered_loaded_at, built_at from " + GOLD)) {
                if (!rows.next()) {
                    return new Snapshot(loadedThrough, partitions, lastLoadedAt, Optional.empty(), Optional.empty(), Optional.empty());
                }
                return new Snapshot(loadedThrough, partitions, lastLoadedAt, instant(rows.getTimestamp(1)),
                        Optional.ofNullable(rows.getTimestamp(2)).map(Timestamp::toLocalDateTime), instant(rows.getTimestamp(3)));
            }
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot read the watermarks of " + warehouse.describe(), e);
        }
    }

    /**
     * Records that gold holds everything {@code before} (read before a full transform started, or
     * just now when {@link Snapshot#watermarkBehind()}) describes. Never moves anything back, so
     * transforms finishing out of order are harmless.
     */
    public static void recordGold(Warehouse warehouse, Snapshot before) {
        if (before.loadedThrough().isEmpty() && before.lastLoadedAt().isEmpty()) {
            return;
        }
        try (Connection connection = warehouse.connect()) {
            if (!exists(connection, "_gold_watermark")) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement("update " + GOLD + " set"
                    + " complete_through = case when complete_through is null or complete_through < ? then ? else complete_through end,"
                    + " covered_loaded_at = case when covered_loaded_at is null or covered_loaded_at < ? then ? else covered_loaded_at end,"
                    + " built_at = ?")) {
                Timestamp through = before.loadedThrough().map(Completeness::timestamp).orElse(null);
                Timestamp covered = before.lastLoadedAt().map(Timestamp::valueOf).orElse(null);
                update.setTimestamp(1, through);
                update.setTimestamp(2, through);
                update.setTimestamp(3, covered);
                update.setTimestamp(4, covered);
                update.setTimestamp(5, timestamp(Instant.now()));
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot record gold's watermark in " + warehouse.describe(), e);
        }
    }

    /** Inside a load batch's transaction: moves each partition's watermark forward. */
    static void recordPartitions(Connection connection, Map<String, Instant> watermarks, LocalDateTime loadedAt)
            throws SQLException {
        if (watermarks.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("update " + PARTITIONS
                + " set complete_through = ?, loaded_at = ? where partition_key = ? and complete_through < ?");
                PreparedStatement insert = connection.prepareStatement("insert into " + PARTITIONS
                        + " (partition_key, complete_through, loaded_at) select cast(? as varchar), cast(? as timestamp),"
                        + " cast(? as timestamp) where not exists (select 1 from " + PARTITIONS + " where partition_key = ?)")) {
            for (Map.Entry<String, Instant> mark : watermarks.entrySet()) {
                Timestamp through = timestamp(mark.getValue());
                update.setTimestamp(1, through);
                update.setTimestamp(2, Timestamp.valueOf(loadedAt));
                update.setString(3, mark.getKey());
                update.setTimestamp(4, through);
                update.executeUpdate();
                insert.setString(1, mark.getKey());
                insert.setTimestamp(2, through);
                insert.setTimestamp(3, Timestamp.valueOf(loadedAt));
                insert.setString(4, mark.getKey());
                insert.executeUpdate();
            }
        }
    }

    /** The tables' statements, with the dialect's types; each is idempotent. */
    static java.util.List<String> createStatements(String text, String timestamp) {
        return java.util.List.of(
                "create table if not exists " + PARTITIONS + " (partition_key " + text + ", complete_through " + timestamp
                        + ", loaded_at " + timestamp + ")",
                "create table if not exists " + GOLD + " (complete_through " + timestamp + ", covered_loaded_at " + timestamp
                        + ", built_at " + timestamp + ")",
                "insert into " + GOLD + " (complete_through, covered_loaded_at, built_at) select null, null, null"
                        + " where not exists (select 1 from " + GOLD + ")");
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String[] name : new String[][] {{"bronze", table}, {"BRONZE", table.toUpperCase(java.util.Locale.ROOT)}}) {
            try (ResultSet tables = meta.getTables(null, name[0], name[1], null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Warehouse timestamps are UTC without a zone, as {@code _loaded_at}. */
    private static Timestamp timestamp(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Optional<Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(t -> t.toLocalDateTime().toInstant(ZoneOffset.UTC));
    }
}
