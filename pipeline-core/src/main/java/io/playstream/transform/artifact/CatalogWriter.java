package io.playstream.transform.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes target/catalog.json as {@code dbt docs generate} does (catalog v1): for every model and
 * source relation that exists in the warehouse, its type and columns (name, type, position) as
 * the warehouse's information_schema reports them. A relation not built yet is left out, as dbt
 * leaves it out.
 */
public final class CatalogWriter {

    public static final String SCHEMA = "https://schemas.getdbt.com/dbt/catalog/v1.json";

    private CatalogWriter() {
    }

    /** @param manifest the manifest of the same project, naming the relations to describe */
    public static Path write(Path targetDir, RunMetadata metadata, JsonNode manifest, Connection connection) throws SQLException {
        ObjectNode root = RunResultsWriter.JSON.createObjectNode();
        root.set("metadata", metadata.toJson(SCHEMA));
        ObjectNode nodes = root.putObject("nodes");
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("nodes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            JsonNode n = node.getValue();
            if (n.path("resource_type").asText().equals("model") && !n.path("config").path("materialized").asText().equals("ephemeral")) {
                describe(connection, node.getKey(), n, n.path("alias").asText(), nodes);
            }
        }
        ObjectNode sources = root.putObject("sources");
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("sources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> source = it.next();
            describe(connection, source.getKey(), source.getValue(), source.getValue().path("identifier").asText(), sources);
        }
        root.putNull("errors");
        return RunResultsWriter.writeJson(targetDir.resolve("catalog.json"), root);
    }

    private static void describe(Connection connection, String id, JsonNode node, String name, ObjectNode into) throws SQLException {
        String schema = node.path("schema").asText();
        ObjectNode table = null;
        try (PreparedStatement s = connection.prepareStatement("select t.table_catalog, t.table_type, c.column_name, c.data_type, "
                + "c.ordinal_position from information_schema.tables t join information_schema.columns c "
                + "on c.table_schema = t.table_schema and c.table_name = t.table_name "
                + "where lower(t.table_schema) = lower(?) and lower(t.table_name) = lower(?) order by c.ordinal_position")) {
            s.setString(1, schema);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (table == null) {
                        table = into.putObject(id);
                        ObjectNode metadata = table.putObject("metadata");
                        metadata.put("type", rs.getString(2).equals("VIEW") ? "VIEW" : "BASE TABLE");
                        metadata.put("schema", schema);
                        metadata.put("name", name);
                        metadata.put("database", rs.getString(1));
                        metadata.putNull("comment");
                        metadata.putNull("owner");
                        table.putObject("columns");
                        table.putObject("stats").putObject("has_stats").put("id", "has_stats").put("label", "Has Stats?")
                                .put("value", false).put("include", false)
                                .put("description", "Indicates whether there are statistics for this table");
                        table.put("unique_id", id);
                    }
                    String column = rs.getString(3);
                    ((ObjectNode) table.get("columns")).putObject(column).put("type", rs.getString(4))
                            .put("index", rs.getInt(5)).put("name", column).putNull("comment");
                }
            }
        }
    }
}
