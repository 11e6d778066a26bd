package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's merged configuration (dbt_project.yml folders, then the model's YAML, then its
 * {@code config()} call). Keys the runner does not implement are refused, never ignored, so a
 * project cannot silently build differently here than under dbt.
 */
public record NodeConfig(Map<String, Object> values) {

    public static final Materialization DEFAULT_MATERIALIZED = Materialization.VIEW;
    public static final String DEFAULT_ON_SCHEMA_CHANGE = "ignore";
    static final Set<String> STRATEGIES = Set.of("merge", "delete+insert", "append", MicrobatchConfig.STRATEGY);
    static final Set<String> SCHEMA_CHANGES = Set.of("ignore", "fail", "append_new_columns", "sync_all_columns");
    /** Keys the runner implements. */
    static final Set<String> SUPPORTED = Set.of("materialized", "schema", "alias", "tags", "unique_key",
            "incremental_strategy", "on_schema_change", "enabled", "full_refresh", "indexes", ModelHooks.PRE, ModelHooks.POST,
            Grants.KEY, "event_time", "batch_size", "lookback", "begin", "concurrent_batches");
    /** Keys that only document or describe and change nothing that is built. */
    static final Set<String> DESCRIPTIVE = Set.of("docs", "meta", "persist_docs", "group", "access", "description");

    public NodeConfig {
        values = Map.copyOf(ModelHooks.normalized(withoutNulls(values)));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /** Checks every key and value; {@code file} names the model in the error. */
    public NodeConfig validated(String file) {
        for (String key : values.keySet()) {
            if (!SUPPORTED.contains(key) && !DESCRIPTIVE.contains(key)) {
                throw PlaystreamException.permanent(file + ": unsupported config '" + key
                        + "' (the runner supports " + String.join(", ", sorted(SUPPORTED)) + ")");
            }
        }
        Materialization.ofModel(materializedName(), file);
        requireOneOf(file, "on_schema_change", onSchemaChange(), SCHEMA_CHANGES);
        incrementalStrategy().ifPresent(s -> requireOneOf(file, "incremental_strategy", s, STRATEGIES));
        indexes(file);
        MicrobatchConfig.of(this, file);
        ModelHooks.of(this, file);
        Grants.of(this, file);
        return this;
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }

    private static void requireOneOf(String file, String key, String value, Set<String> accepted) {
        if (!accepted.contains(value)) {
            throw PlaystreamException.permanent(file + ": unsupported " + key + " '" + value
                    + "' (accepted: " + String.join(", ", sorted(accepted)) + ")");
        }
    }

    /** This config with {@code overrides} laid over it; tags and hooks add up and grants merge, as in dbt. */
    public NodeConfig with(Map<String, Object> overrides) {
        overrides = ModelHooks.normalized(withoutNulls(overrides));
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        ModelHooks.addUp(values, overrides, merged);
        Grants.merge(values, overrides, merged);
        if (values.containsKey("tags") && overrides.containsKey("tags")) {
            java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>(tags());
            YamlFiles.asList(overrides.get("tags")).forEach(t -> tags.add(String.valueOf(t)));
            merged.put("tags", List.copyOf(tags));
        }
        return new NodeConfig(merged);
    }

    /** How the node is built; seeds and snapshots carry theirs in their config, as dbt's do. */
    public Materialization materialization() {
        return Materialization.of(materializedName());
    }

    private String materializedName() {
        return String.valueOf(values.getOrDefault("materialized", DEFAULT_MATERIALIZED.dbtName()));
    }

    /**
     * Whether {@code --full-refresh} rebuilds the node: dbt's {@code full_refresh} config, when set
     * to false, keeps the node incremental even then.
     */
    public boolean fullRefreshAllowed() {
        return !Boolean.FALSE.equals(values.get("full_refresh"));
    }

    public java.util.Optional<String> customSchema() {
        return java.util.Optional.ofNullable(values.get("schema")).map(String::valueOf);
    }

    public java.util.Optional<String> alias() {
        return java.util.Optional.ofNullable(values.get("alias")).map(String::valueOf);
    }

    public java.util.Optional<String> incrementalStrategy() {
        return java.util.Optional.ofNullable(values.get("incremental_strategy")).map(String::valueOf);
    }

    public String onSchemaChange() {
        return String.valueOf(values.getOrDefault("on_schema_change", DEFAULT_ON_SCHEMA_CHANGE));
    }

    public boolean enabled() {
        return !Boolean.FALSE.equals(values.get("enabled")) && !"false".equals(String.valueOf(values.get("enabled")));
    }

    /** The unique key's columns: dbt accepts one column or a list. */
    public List<String> uniqueKey() {
        return YamlFiles.asList(values.get("unique_key")).stream().map(String::valueOf).toList();
    }

    /** The declared {@code indexes} (dbt-postgres' config); {@code file} names the model in errors. */
    public List<TableIndex> indexes(String file) {
        return YamlFiles.asList(values.get("indexes")).stream().map(entry -> TableIndex.parse(entry, file)).toList();
    }

    public List<String> tags() {
        return YamlFiles.asList(values.get("tags")).stream().map(String::valueOf).toList();
    }
}
