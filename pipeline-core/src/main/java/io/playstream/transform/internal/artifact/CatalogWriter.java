package io.playstream.transform.internal.artifact;

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
 * Writes target/catalog.json as {@code dbt docs generate} does (catalog v1): for every model, seed,
 * snapshot and source relation that exists in the warehouse, its type and columns (name, type,
 * position). On PostgreSQL the types, owner and comments are read from {@code pg_catalog} as
 * dbt-postgres reads them ({@code format_type}: {@code numeric(10,4)}, {@code character varying(10)},
 * {@code timestamp without time zone}); elsewhere from information_schema. A relation not built
 * yet is left out, as dbt leaves it out.
 */
public final class CatalogWriter {

    public static final String SCHEMA = "https://schemas.getdbt.com/dbt/catalog/v1.json";

    private CatalogWriter() {
    }

    /** What dbt-postgres' catalog query reads per column (postgres__get_catalog_relations). */
    private static final String POSTGRES = "select current_database(), case tbl.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW'"
            + " else 'BASE TABLE' end, col.attname, pg_catalog.format_type(col.atttypid, col.atttypmod), col.attnum,"
            + " tbl_desc.description, col_desc.description, pg_catalog.pg_get_userbyid(tbl.relowner)"
            + " from pg_catalog.pg_namespace sch join pg_catalog.pg_class tbl on tbl.relnamespace = sch.oid"
            + " join pg_catalog.pg_attribute col on col.attrelid = tbl.oid"
            + " left join pg_catalog.pg_description tbl_desc on tbl_desc.objoid = tbl.oid and tbl_desc.objsubid = 0"
            + " left join pg_catalog.pg_description col_desc on col_desc.objoid = tbl.oid and col_desc.objsubid = col.attnum"
            + " where upper(sch.nspname) = upper(?) and upper(tbl.relname) = upper(?) and not pg_catalog.pg_is_other_temp_schema(sch.oid)"
            + " and tbl.relpersistence in ('p', 'u') and tbl.relkind in ('r', 'v', 'f', 'p', 'm') and col.attnum > 0"
            + " and not col.attisdropped order by col.attnum";
    private static final String INFORMATION_SCHEMA = "select t.table_catalog, t.table_type, c.column_name, c.data_type, "
            + "c.ordinal_position, null, null, null from information_schema.tables t join information_schema.columns c "
            + "on c.table_schema = t.table_schema and c.table_name = t.table_name "
            + "where lower(t.table_schema) = lower(?) and lower(t.table_name) = lower(?) order by c.ordinal_position";
    /** The manifest's nodes that are relations dbt's catalog describes. */
    private static final java.util.Set<String> RELATIONS = java.util.Set.of("model", "seed", "snapshot");

    /** @param manifest the manifest of the same project, naming the relations to describe */
    public static Path write(Path targetDir, RunMetadata metadata, JsonNode manifest, Connection connection) throws SQLException {
        String query = metadata.adapterType().equals("postgres") ? POSTGRES : INFORMATION_SCHEMA;
        ObjectNode root = RunResultsWriter.JSON.createObjectNode();
        root.set("metadata", metadata.toJson(SCHEMA));
        ObjectNode nodes = root.putObject("nodes");
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("nodes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            JsonNode n = node.getValue();
            if (RELATIONS.contains(n.path("resource_type").asText()) && !n.path("config").path("materialized").asText().equals("ephemeral")) {
                describe(connection, query, node.getKey(), n, n.path("alias").asText(), nodes);
            }
        }
        ObjectNode sources = root.putObject("sources");
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("sources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> source = it.next();
            describe(connection, query, source.getKey(), source.getValue(), source.getValue().path("identifier").asText(), sources);
        }
        root.putNull("errors");
        return RunResultsWriter.writeJson(targetDir.resolve("catalog.json"), root);
    }

    private static void describe(Connection connection, String query, String id, JsonNode node, String name, ObjectNode into)
            throws SQLException {
        String schema = node.path("schema").asText();
        ObjectNode table = null;
        try (PreparedStatement s = connection.prepareStatement(query)) {
            s.setString(1, schema);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (table == null) {
                        table = into.putObject(id);
                        ObjectNode metadata = table.putObject("metadata");
                        metadata.put("type", rs.getString(2).contains("VIEW") ? rs.getString(2) : "BASE TABLE");
                        metadata.put("schema", schema);
                        metadata.put("name", name);
                        metadata.put("database", rs.getString(1));
                        metadata.put("comment", rs.getString(6));
                        metadata.put("owner", rs.getString(8));
                        table.putObject("columns");
                        table.putObject("stats").putObject("has_stats").put("id", "has_stats").put("label", "Has Stats?")
                                .put("value", false).put("include", false)
                                .put("description", "Indicates whether there are statistics for this table");
                        table.put("unique_id", id);
                    }
                    String column = rs.getString(3);
                    ((ObjectNode) table.get("columns")).putObject(column).put("type", rs.getString(4))
                            .put("index", rs.getInt(5)).put("name", column).put("comment", rs.getString(7));
                }
            }
        }
    }
}
