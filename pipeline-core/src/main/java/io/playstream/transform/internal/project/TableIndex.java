package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import io.playstream.warehouse.sql.IndexDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of dbt-postgres' {@code indexes} model config, e.g.
 * {@code {'columns': ['event_id'], 'unique': false, 'type': 'btree'}}: the runner builds exactly the
 * indexes a model declares, when it creates the table, as dbt-postgres does.
 *
 * @param type the index method ({@code btree}, {@code hash}, ...), empty for the warehouse's default
 */
public record TableIndex(List<String> columns, boolean unique, Optional<String> type) implements IndexDefinition {

    private static final Set<String> KEYS = Set.of("columns", "unique", "type");

    public TableIndex {
        columns = List.copyOf(columns);
        Objects.requireNonNull(type, "type");
    }

    /** Parses one {@code indexes} entry; {@code where} names the model in errors. */
    static TableIndex parse(Object entry, String where) {
        Map<String, Object> map = YamlFiles.asMap(entry, where + " indexes");
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw PlaystreamException.permanent(where + ": unsupported key '" + key + "' in indexes (accepted: columns, type, unique)");
            }
        }
        List<String> columns = YamlFiles.asList(map.get("columns")).stream().map(String::valueOf).toList();
        if (columns.isEmpty()) {
            throw PlaystreamException.permanent(where + ": an entry of indexes needs 'columns'");
        }
        Object unique = map.getOrDefault("unique", false);
        if (!(unique instanceof Boolean)) {
            throw PlaystreamException.permanent(where + ": indexes.unique must be true or false, found '" + unique + "'");
        }
        Optional<String> type = Optional.ofNullable(map.get("type")).map(String::valueOf);
        type.ifPresent(t -> SqlNames.requirePlain(t, where + " indexes.type"));
        columns.forEach(c -> SqlNames.requirePlain(c, where + " indexes.columns"));
        return new TableIndex(columns, (Boolean) unique, type);
    }
}
