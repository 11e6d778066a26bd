package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot's own config, checked as dbt checks it: {@code strategy} ({@code timestamp} with
 * {@code updated_at}, or {@code check} with {@code check_cols}: {@code all} or a list, and an
 * optional {@code updated_at}), {@code unique_key} (a column or a list), {@code hard_deletes}
 * ({@code ignore}, {@code invalidate}, {@code new_record}; or the older
 * {@code invalidate_hard_deletes: true}), {@code dbt_valid_to_current} (an SQL expression for the
 * current version's {@code dbt_valid_to} instead of null) and {@code snapshot_meta_column_names}
 * (other names for dbt's columns). Keys the runner does not implement are refused.
 *
 * @param uniqueKey the key's columns (or expressions); one for a single key
 * @param keyIsList whether {@code unique_key} was given as a list (dbt names the key columns differently)
 * @param checkCols the columns the check strategy compares; empty for {@code all}
 * @param updatedAt the timestamp strategy's column, the check strategy's optional one (else the build's clock)
 * @param validToCurrent {@code dbt_valid_to_current}, or empty
 */
public record SnapshotSettings(String strategy, List<String> uniqueKey, boolean keyIsList, Optional<String> updatedAt,
        List<String> checkCols, HardDeletes hardDeletes, Optional<String> validToCurrent, Columns columns) {

    static final Set<String> SUPPORTED = Set.of("materialized", "schema", "alias", "tags", "enabled", "strategy", "unique_key",
            "updated_at", "check_cols", "hard_deletes", "invalidate_hard_deletes", "dbt_valid_to_current",
            "snapshot_meta_column_names", "target_schema");

    public SnapshotSettings {
        uniqueKey = List.copyOf(uniqueKey);
        checkCols = List.copyOf(checkCols);
    }

    /** What a snapshot does with a key that left its query. */
    public enum HardDeletes {
        /** keeps the last version current */
        IGNORE,
        /** ends the current version ({@code dbt_valid_to} the build's clock) */
        INVALIDATE,
        /** ends it and adds a version with {@code dbt_is_deleted} 'True' */
        NEW_RECORD
    }

    /** The names of dbt's snapshot columns ({@code snapshot_meta_column_names} or dbt's defaults). */
    public record Columns(String validFrom, String validTo, String scdId, String updatedAt, String isDeleted) {
        static final Columns DEFAULTS = new Columns("dbt_valid_from", "dbt_valid_to", "dbt_scd_id", "dbt_updated_at", "dbt_is_deleted");
    }

    /** Whether every changed check column counts: {@code check_cols: all}. */
    public boolean checkAll() {
        return strategy.equals("check") && checkCols.isEmpty();
    }

    /** The settings of a snapshot's config; {@code file} names the snapshot in errors. */
    public static SnapshotSettings of(NodeConfig config, String file) {
        Map<String, Object> values = config.values();
        for (String key : values.keySet()) {
            if (!SUPPORTED.contains(key) && !NodeConfig.DESCRIPTIVE.contains(key)) {
                throw PlaystreamException.permanent(file + ": unsupported snapshot config '" + key + "' (the runner supports "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")");
            }
        }
        String strategy = required(values, "strategy", file);
        Object key = values.get("unique_key");
        List<String> uniqueKey = YamlFiles.asList(key).stream().map(String::valueOf).toList();
        if (uniqueKey.isEmpty()) {
            throw PlaystreamException.permanent(file + ": a snapshot needs config 'unique_key'");
        }
        Optional<String> updatedAt = Optional.ofNullable(values.get("updated_at")).map(String::valueOf);
        List<String> checkCols = List.of();
        switch (strategy) {
            case "timestamp" -> required(values, "updated_at", file);
            case "check" -> {
                Object cols = values.get("check_cols");
                if (cols == null) {
                    throw PlaystreamException.permanent(file + ": a snapshot with strategy 'check' needs config 'check_cols'");
                }
                if (!"all".equals(cols)) {
                    checkCols = YamlFiles.asList(cols).stream().map(String::valueOf).toList();
                    if (checkCols.isEmpty()) {
                        throw PlaystreamException.permanent(file + ": Invalid value for 'check_cols': " + cols);
                    }
                }
            }
            default -> throw PlaystreamException.permanent(file + ": unsupported snapshot strategy '" + strategy
                    + "' (accepted: check, timestamp)");
        }
        return new SnapshotSettings(strategy, uniqueKey, key instanceof List<?>, updatedAt, checkCols, hardDeletes(values, file),
                Optional.ofNullable(values.get("dbt_valid_to_current")).map(String::valueOf), columns(values, file));
    }

    private static String required(Map<String, Object> values, String key, String file) {
        Object value = values.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw PlaystreamException.permanent(file + ": a snapshot" + (key.equals("strategy") ? "" : " with strategy '"
                    + values.get("strategy") + "'") + " needs config '" + key + "'");
        }
        return String.valueOf(value);
    }

    /** dbt's rule: {@code hard_deletes}, or the older {@code invalidate_hard_deletes}, never both. */
    private static HardDeletes hardDeletes(Map<String, Object> values, String file) {
        Object legacy = values.get("invalidate_hard_deletes");
        Object mode = values.get("hard_deletes");
        if (legacy != null && mode != null) {
            throw PlaystreamException.permanent(file + ": You cannot set both the invalidate_hard_deletes and hard_deletes config "
                    + "properties on the same snapshot.");
        }
        if (Boolean.TRUE.equals(legacy) || "true".equals(String.valueOf(legacy)) || "invalidate".equals(mode)) {
            return HardDeletes.INVALIDATE;
        }
        if (mode == null || "ignore".equals(mode)) {
            return HardDeletes.IGNORE;
        }
        if ("new_record".equals(mode)) {
            return HardDeletes.NEW_RECORD;
        }
        throw PlaystreamException.permanent(file + ": Invalid setting for property hard_deletes: '" + mode
                + "' (accepted: ignore, invalidate, new_record)");
    }

    private static Columns columns(Map<String, Object> values, String file) {
        Map<String, Object> names = YamlFiles.asMap(values.get("snapshot_meta_column_names"), file + " snapshot_meta_column_names");
        Map<String, String> chosen = new LinkedHashMap<>();
        Columns d = Columns.DEFAULTS;
        Map<String, String> defaults = Map.of("dbt_valid_from", d.validFrom(), "dbt_valid_to", d.validTo(), "dbt_scd_id", d.scdId(),
                "dbt_updated_at", d.updatedAt(), "dbt_is_deleted", d.isDeleted());
        names.forEach((column, name) -> {
            if (!defaults.containsKey(column)) {
                throw PlaystreamException.permanent(file + ": snapshot_meta_column_names has no column '" + column + "' (accepted: "
                        + String.join(", ", defaults.keySet().stream().sorted().toList()) + ")");
            }
            if (name != null) {
                chosen.put(column, SqlNames.requirePlain(String.valueOf(name), file + " snapshot_meta_column_names." + column));
            }
        });
        return new Columns(chosen.getOrDefault("dbt_valid_from", d.validFrom()), chosen.getOrDefault("dbt_valid_to", d.validTo()),
                chosen.getOrDefault("dbt_scd_id", d.scdId()), chosen.getOrDefault("dbt_updated_at", d.updatedAt()),
                chosen.getOrDefault("dbt_is_deleted", d.isDeleted()));
    }
}
