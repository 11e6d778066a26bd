package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lineage page's graph, taken from dbt's {@code manifest.json} (the app's runner and real dbt
 * write the same one): the sources, seeds, models, snapshots and exposures, each with its
 * description, columns and its parents and children among them, as {@code parent_map} and
 * {@code child_map} give them. Data tests and unit tests are not nodes of the picture: each node
 * says how many test it.
 */
final class LineageGraph {

    /** What the page draws; tests hang off these and are counted, not drawn. */
    static final Set<String> SHOWN = Set.of("source", "seed", "model", "snapshot", "exposure");
    private static final Set<String> TESTS = Set.of("test", "unit_test");
    private static final List<String> SECTIONS = List.of("sources", "nodes", "exposures", "unit_tests");

    private LineageGraph() {
    }

    static ObjectNode of(JsonNode manifest, ObjectMapper json) {
        Map<String, JsonNode> all = new TreeMap<>();
        for (String section : SECTIONS) {
            manifest.path(section).properties().forEach(e -> all.put(e.getKey(), e.getValue()));
        }
        ObjectNode graph = json.createObjectNode();
        JsonNode metadata = manifest.path("metadata");
        graph.put("project", metadata.path("project_name").asText(null));
        graph.put("generated_at", metadata.path("generated_at").asText(null));
        graph.put("dbt_version", metadata.path("dbt_version").asText(null));
        ArrayNode nodes = graph.putArray("nodes");
        all.forEach((id, node) -> {
            String type = node.path("resource_type").asText();
            if (SHOWN.contains(type)) {
                nodes.add(node(id, node, manifest, all, json));
            }
        });
        return graph;
    }

    private static ObjectNode node(String id, JsonNode node, JsonNode manifest, Map<String, JsonNode> all, ObjectMapper json) {
        String type = node.path("resource_type").asText();
        ObjectNode out = json.createObjectNode();
        out.put("unique_id", id);
        out.put("resource_type", type);
        out.put("name", node.path("name").asText());
        // a source is known by its source name and table, as source('bronze', 'spotify_events') names it
        out.put("label", type.equals("source") ? node.path("source_name").asText() + "." + node.path("name").asText()
                : type.equals("exposure") && node.hasNonNull("label") ? node.path("label").asText() : node.path("name").asText());
        out.put("schema", node.path("schema").asText(null));
        out.put("relation", node.path("relation_name").asText(null));
        out.put("materialized", type.equals("source") ? null : node.path("config").path("materialized").asText(null));
        out.put("path", node.path("original_file_path").asText(null));
        out.put("description", node.path("description").asText(""));
        out.set("tags", node.path("tags").isArray() ? node.get("tags") : json.createArrayNode());
        if (type.equals("exposure")) {
            out.put("exposure_type", node.path("type").asText(null));
            out.put("url", node.path("url").asText(null));
            out.put("owner", node.path("owner").path("name").asText(null));
        }
        ArrayNode columns = out.putArray("columns");
        node.path("columns").forEach(c -> columns.addObject()
                .put("name", c.path("name").asText())
                .put("data_type", c.path("data_type").asText(null))
                .put("description", c.path("description").asText("")));
        out.set("parents", shown(manifest.path("parent_map").path(id), all, json));
        out.set("children", shown(manifest.path("child_map").path(id), all, json));
        int tests = 0;
        for (JsonNode child : manifest.path("child_map").path(id)) {
            tests += TESTS.contains(type(all, child.asText())) ? 1 : 0;
        }
        out.put("tests", tests);
        return out;
    }

    private static ArrayNode shown(JsonNode ids, Map<String, JsonNode> all, ObjectMapper json) {
        List<String> kept = new ArrayList<>();
        ids.forEach(id -> {
            if (SHOWN.contains(type(all, id.asText()))) {
                kept.add(id.asText());
            }
        });
        ArrayNode array = json.createArrayNode();
        kept.stream().sorted().forEach(array::add);
        return array;
    }

    private static String type(Map<String, JsonNode> all, String id) {
        JsonNode node = all.get(id);
        return node == null ? "" : node.path("resource_type").asText();
    }
}
