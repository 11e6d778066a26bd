package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A seed's own config, checked: {@code column_types} (a column's SQL type instead of the one
 * inferred from its values), {@code quote_columns} (dbt's default: quoted) and {@code delimiter}
 * (one character, default {@code ,}). Keys the runner does not implement are refused.
 *
 * @param quoteColumns whether column names are quoted in the table's DDL and inserts
 */
public record SeedSettings(Map<String, String> columnTypes, boolean quoteColumns, char delimiter) {

    static final Set<String> SUPPORTED = Set.of("materialized", "schema", "alias", "tags", "enabled", "full_refresh",
            "column_types", "quote_columns", "delimiter", "event_time");

    public SeedSettings {
        columnTypes = Map.copyOf(columnTypes);
    }

    /** The settings of a seed's config; {@code file} names the seed in errors. */
    public static SeedSettings of(NodeConfig config, String file) {
        Map<String, Object> values = config.values();
        for (String key : values.keySet()) {
            if (!SUPPORTED.contains(key) && !NodeConfig.DESCRIPTIVE.contains(key)) {
                throw PlaystreamException.permanent(file + ": unsupported seed config '" + key + "' (the runner supports "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")");
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        YamlFiles.asMap(values.get("column_types"), file + " column_types").forEach((column, type) -> types.put(column, String.valueOf(type)));
        Object quote = values.getOrDefault("quote_columns", true);
        if (!(quote instanceof Boolean)) {
            throw PlaystreamException.permanent(file + ": quote_columns must be true or false, found '" + quote + "'");
        }
        String delimiter = String.valueOf(values.getOrDefault("delimiter", ","));
        if (delimiter.length() != 1) {
            throw PlaystreamException.permanent(file + ": delimiter must be one character, found '" + delimiter + "'");
        }
        return new SeedSettings(types, (Boolean) quote, delimiter.charAt(0));
    }
}
