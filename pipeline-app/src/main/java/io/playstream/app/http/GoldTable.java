package io.playstream.app.http;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gold tables the API serves: the marts of {@code dbt/models/gold/_models.yml}, a fixed list. A
 * requested name is looked up here and only this enum's own name ever reaches SQL, so a path segment
 * cannot name another schema or table. The key columns order the rows when the caller does not, and
 * break ties when it does, so pages never overlap or skip a row.
 */
enum GoldTable {
    TOP_SONGS("rank"),
    USER_ENGAGEMENT("user_id", "event_date", "device_type", "country"),
    ENGAGEMENT_BY_DEVICE("device_type"),
    ENGAGEMENT_BY_COUNTRY("country"),
    ENGAGEMENT_BY_HOUR("event_hour"),
    EVENT_TYPE_DISTRIBUTION("period_grain", "period_start_at", "event_type"),
    LISTENING_SESSIONS("user_id", "session_number"),
    TOP_SONGS_BY_PERIOD("period_grain", "period_start_date", "song_id"),
    TOP_ARTISTS_BY_PERIOD("period_grain", "period_start_date", "artist_name"),
    LISTENING_TIME("period_grain", "period_start_date", "user_id", "device_type", "country"),
    LISTENER_DISCOVERIES("period_grain", "period_start_date", "user_id"),
    ACTIVITY_HEATMAP("clock", "day_of_week", "hour_of_day"),
    LISTENER_SEGMENTS("segment_date", "segment"),
    RETENTION_COHORTS("cohort_week", "active_week"),
    SKIP_CURVE("device_type", "bucket_start_seconds");

    static final String SCHEMA = "gold";

    private final List<String> key;

    GoldTable(String... key) {
        this.key = List.of(key);
    }

    /** The dbt model's name, as in the warehouse and the URL. */
    String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The columns that identify a row, in the order used for paging. */
    List<String> key() {
        return key;
    }

    /** True for the period marts, which {@link GoldPeriod}'s period and start parameters filter. */
    boolean hasPeriods() {
        return key.contains(GoldPeriod.GRAIN_COLUMN) && key.contains(GoldPeriod.START_COLUMN);
    }

    static String periodTableNames() {
        return Arrays.stream(values()).filter(GoldTable::hasPeriods).map(GoldTable::tableName).collect(Collectors.joining(", "));
    }

    static Optional<GoldTable> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.tableName().equals(name)).findFirst();
    }

    static String acceptedNames() {
        return Arrays.stream(values()).map(GoldTable::tableName).collect(Collectors.joining(", "));
    }
}
