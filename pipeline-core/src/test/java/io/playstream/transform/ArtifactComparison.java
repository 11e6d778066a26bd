package io.playstream.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Real dbt's artifacts against the runner's, node by node. Each compared field has a key (e.g.
 * {@code node.refs}); a field whose key is among the known differences is not compared, any other
 * difference is collected with the node and both values.
 */
final class ArtifactComparison {

    /** Node fields compared as they are. */
    static final List<String> NODE_FIELDS = List.of("name", "resource_type", "package_name", "alias", "path", "original_file_path",
            "relation_name", "database", "schema", "fqn", "checksum", "description", "column_name", "attached_node",
            "file_key_name", "test_metadata", "source_name", "identifier", "loaded_at_field", "freshness", "type", "owner",
            "url", "label", "maturity", "tags");
    /** Node fields compared as sets (their order is not part of what they say). */
    static final List<String> NODE_SETS = List.of("refs", "sources", "depends_on/nodes");
    /** Unit-test fields compared as they are (its checksum hashes a Python repr: not compared). */
    static final List<String> UNIT_TEST_FIELDS = List.of("name", "resource_type", "package_name", "path", "original_file_path", "fqn",
            "model", "given", "expect", "overrides", "description", "schema", "depends_on/nodes");
    /** Config keys that decide what is built or tested. */
    static final List<String> CONFIG_KEYS = List.of("enabled", "materialized", "schema", "alias", "database", "tags",
            "unique_key", "incremental_strategy", "on_schema_change", "full_refresh", "indexes", "severity", "where",
            "store_failures", "warn_if", "error_if", "fail_calc");

    private final Set<String> known;
    private final List<String> differences = new ArrayList<>();

    ArtifactComparison(Set<String> knownDifferences) {
        this.known = knownDifferences;
    }

    List<String> differences() {
        return List.copyOf(differences);
    }

    void manifests(JsonNode dbt, JsonNode runner) {
        for (String key : List.of("project_name", "project_id", "adapter_type", "dbt_schema_version")) {
            same("metadata." + key, "metadata", dbt.at("/metadata/" + key), runner.at("/metadata/" + key));
        }
        for (String section : List.of("nodes", "sources", "exposures")) {
            Map<String, JsonNode> ours = fields(runner.get(section));
            fields(dbt.get(section)).forEach((id, node) -> {
                JsonNode other = ours.remove(id);
                if (other == null) {
                    differ("manifest." + section, id, "in dbt's manifest only", "");
                } else {
                    node(id, node, other);
                }
            });
            ours.keySet().forEach(id -> differ("manifest." + section, id, "", "in the runner's manifest only"));
        }
        Map<String, JsonNode> ourUnitTests = fields(runner.get("unit_tests"));
        fields(dbt.get("unit_tests")).forEach((id, test) -> {
            JsonNode other = ourUnitTests.remove(id);
            if (other == null) {
                differ("manifest.unit_tests", id, "in dbt's manifest only", "");
            } else {
                UNIT_TEST_FIELDS.forEach(field -> same("unit_test." + field, id, test.at("/" + field), other.at("/" + field)));
            }
        });
        ourUnitTests.keySet().forEach(id -> differ("manifest.unit_tests", id, "", "in the runner's manifest only"));
        sameKeys("manifest.macros", projectOnly(dbt.get("macros"), dbt.at("/metadata/project_name").asText()), fields(runner.get("macros")));
        fields(runner.get("macros")).forEach((id, macro) -> {
            JsonNode theirs = dbt.get("macros").get(id);
            if (theirs != null) {
                same("macro.macro_sql", id, theirs.get("macro_sql"), macro.get("macro_sql"));
                sameSet("macro.depends_on/macros", id, theirs.at("/depends_on/macros"), macro.at("/depends_on/macros"));
            }
        });
        sameKeys("manifest.docs", fields(dbt.get("docs")), fields(runner.get("docs")));
        for (String map : List.of("parent_map", "child_map")) {
            Map<String, JsonNode> ours = fields(runner.get(map));
            fields(dbt.get(map)).forEach((id, list) -> sameSet("manifest." + map, id, list, ours.get(id)));
        }
    }

    void runResults(JsonNode dbt, JsonNode runner) {
        Map<String, JsonNode> ours = new TreeMap<>();
        runner.get("results").forEach(r -> ours.put(r.get("unique_id").asText(), r));
        for (JsonNode result : dbt.get("results")) {
            String id = result.get("unique_id").asText();
            JsonNode other = ours.remove(id);
            if (other == null) {
                differ("run_results." + id.substring(0, id.indexOf('.')), id, "in dbt's run results only", "");
                continue;
            }
            for (String field : List.of("status", "failures", "relation_name", "compiled")) {
                same("result." + field, id, result.get(field), other.get(field));
            }
            same("result.adapter_response/rows_affected", id, result.at("/adapter_response/rows_affected"),
                    other.at("/adapter_response/rows_affected"));
        }
        ours.keySet().forEach(id -> differ("run_results." + id.substring(0, id.indexOf('.')), id, "", "in the runner's run results only"));
        same("run_results.args/which", "args", dbt.at("/args/which"), runner.at("/args/which"));
    }

    private void node(String id, JsonNode dbt, JsonNode runner) {
        for (String field : NODE_FIELDS) {
            if (dbt.has(field) || runner.has(field)) {
                same("node." + field, id, dbt.get(field), runner.get(field));
            }
        }
        for (String field : NODE_SETS) {
            sameSet("node." + field, id, dbt.at("/" + field), runner.at("/" + field));
        }
        sameSet("node.depends_on/macros", id, ownMacros(dbt.at("/depends_on/macros"), id), ownMacros(runner.at("/depends_on/macros"), id));
        if (dbt.has("columns")) {
            sameSet("node.columns", id, keys(dbt.get("columns")), keys(runner.get("columns")));
        }
        for (String key : CONFIG_KEYS) {
            JsonNode theirs = dbt.at("/config/" + key);
            JsonNode ours = runner.at("/config/" + key);
            if (!theirs.isMissingNode() || !ours.isMissingNode()) {
                same("config." + key, id, theirs, ours);
            }
        }
    }

    /** The project's own macros among a node's macro dependencies (dbt also names its built-in ones). */
    private static JsonNode ownMacros(JsonNode macros, String nodeId) {
        String project = nodeId.split("\\.")[1];
        var own = ArtifactJson.array();
        macros.forEach(m -> {
            if (m.asText().startsWith("macro." + project + ".")) {
                own.add(m);
            }
        });
        return own;
    }

    private static Map<String, JsonNode> projectOnly(JsonNode section, String project) {
        Map<String, JsonNode> own = fields(section);
        own.keySet().removeIf(id -> !id.startsWith("macro." + project + "."));
        return own;
    }

    private void same(String key, String id, JsonNode dbt, JsonNode runner) {
        if (!known.contains(key) && !normalized(dbt).equals(normalized(runner))) {
            differ(key, id, String.valueOf(dbt), String.valueOf(runner));
        }
    }

    private void sameSet(String key, String id, JsonNode dbt, JsonNode runner) {
        if (!known.contains(key) && !texts(dbt).equals(texts(runner))) {
            differ(key, id, texts(dbt).toString(), texts(runner).toString());
        }
    }

    private void sameKeys(String key, Map<String, JsonNode> dbt, Map<String, JsonNode> runner) {
        if (!known.contains(key) && !dbt.keySet().equals(runner.keySet())) {
            differ(key, "", dbt.keySet().toString(), runner.keySet().toString());
        }
    }

    private void differ(String key, String id, String dbt, String runner) {
        if (known.contains(key)) {
            return;
        }
        differences.add(key + " of " + id + ": dbt " + abbreviated(dbt) + ", runner " + abbreviated(runner));
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Missing and null are the same; objects compare by their fields, whatever their order. */
    private static String normalized(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "null" : ArtifactJson.sorted(node).toString();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        if (array != null) {
            array.forEach(item -> texts.add(item.isValueNode() ? item.asText() : ArtifactJson.sorted(item).toString()));
        }
        return texts;
    }

    private static JsonNode keys(JsonNode object) {
        var keys = ArtifactJson.array();
        if (object != null) {
            object.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new TreeMap<>();
        if (object != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), e.getValue());
            }
        }
        return fields;
    }
}
