package io.playstream.transform.internal.project;

import java.util.Map;
import java.util.Objects;

/**
 * One table of a {@code sources:} entry. Like {@code dbt build}, a build does not check its
 * freshness; {@code transform --freshness} does ({@code SourceFreshness}).
 *
 * @param eventTime the {@code config: {event_time: ...}} column (the table's, else the source's):
 *                  a microbatch model reads only its batch's rows of the table; null for none
 */
public record SourceTable(String sourceName, String tableName, String schema, String identifier,
        String file, Map<String, Object> freshness, String loadedAtField, Descriptions descriptions,
        String eventTime) {

    /** What the YAML says about the source and the table, for the manifest. */
    public record Descriptions(String source, String table, java.util.List<ColumnDoc> columns) {
        public Descriptions {
            columns = java.util.List.copyOf(columns);
        }
    }

    public SourceTable {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(file, "file");
        freshness = freshness == null ? Map.of() : Map.copyOf(freshness);
    }

    public String uniqueId(String project) {
        return "source." + project + "." + sourceName + "." + tableName;
    }
}
