package io.playstream.transform.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.transform.graph.CompiledProject;
import io.playstream.transform.graph.ModelNode;
import io.playstream.transform.graph.TestNode;
import io.playstream.transform.project.SourceTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes target/manifest.json in dbt's shape (manifest v12): nodes with unique_id,
 * resource_type, name, depends_on.nodes, config and relation_name; sources; parent and child maps.
 */
public final class ManifestWriter {

    public static final String SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";

    private ManifestWriter() {
    }

    public static Path write(Path targetDir, RunMetadata metadata, CompiledProject compiled) {
        ObjectNode root = RunResultsWriter.JSON.createObjectNode();
        root.set("metadata", metadata.toJson(SCHEMA));
        ObjectNode nodes = root.putObject("nodes");
        Map<String, List<String>> parents = new TreeMap<>();
        String project = compiled.project().name();
        for (ModelNode model : compiled.models().values()) {
            List<String> dependsOn = new ArrayList<>();
            model.sources().forEach(s -> dependsOn.add("source." + project + "." + s));
            model.refs().forEach(r -> dependsOn.add(compiled.modelId(r)));
            ObjectNode node = nodes.putObject(model.uniqueId());
            common(node, model.uniqueId(), "model", model.name(), project, model.path(), dependsOn);
            node.put("schema", model.relation().getSchema());
            node.put("alias", model.relation().getIdentifier());
            node.put("relation_name", model.ephemeral() ? null : model.relation().toString());
            node.set("config", RunResultsWriter.JSON.valueToTree(model.config().values()));
            node.put("description", model.file().description());
            node.put("raw_code", model.file().file().text());
            ArrayNode fqn = node.putArray("fqn").add(project);
            model.file().folders().forEach(fqn::add);
            fqn.add(model.name());
            parents.put(model.uniqueId(), dependsOn);
        }
        for (TestNode test : compiled.tests()) {
            List<String> dependsOn = new ArrayList<>();
            test.sources().forEach(s -> dependsOn.add("source." + project + "." + s));
            test.dependsOn().forEach(m -> dependsOn.add(compiled.modelId(m)));
            ObjectNode node = nodes.putObject(test.uniqueId());
            common(node, test.uniqueId(), "test", test.name(), project, test.file(), dependsOn);
            node.putObject("config").put("severity", test.severity().name()).put("materialized", "test");
            node.putNull("relation_name");
            node.put("compiled_code", test.sql());
            node.put("attached_node", test.attachedModel() == null ? null : compiled.modelId(test.attachedModel()));
            parents.put(test.uniqueId(), dependsOn);
        }
        ObjectNode sources = root.putObject("sources");
        for (SourceTable source : compiled.sources().values()) {
            String id = source.uniqueId(project);
            ObjectNode node = sources.putObject(id);
            common(node, id, "source", source.tableName(), project, source.file(), List.of());
            node.put("source_name", source.sourceName());
            node.put("schema", source.schema());
            node.put("identifier", source.identifier());
            node.put("relation_name", source.schema() + "." + source.identifier());
            node.put("loaded_at_field", source.loadedAtField());
            node.set("freshness", RunResultsWriter.JSON.valueToTree(source.freshness()));
            parents.put(id, List.of());
        }
        for (String empty : List.of("macros", "docs", "exposures", "metrics", "groups", "selectors", "disabled", "semantic_models")) {
            root.putObject(empty);
        }
        root.set("parent_map", RunResultsWriter.JSON.valueToTree(parents));
        root.set("child_map", RunResultsWriter.JSON.valueToTree(children(parents)));
        return RunResultsWriter.writeJson(targetDir.resolve("manifest.json"), root);
    }

    private static void common(ObjectNode node, String id, String type, String name, String project, String path,
            List<String> dependsOn) {
        node.put("unique_id", id);
        node.put("resource_type", type);
        node.put("name", name);
        node.put("package_name", project);
        node.put("original_file_path", path);
        node.put("path", path);
        ObjectNode depends = node.putObject("depends_on");
        depends.putArray("macros");
        ArrayNode nodes = depends.putArray("nodes");
        dependsOn.forEach(nodes::add);
    }

    private static Map<String, List<String>> children(Map<String, List<String>> parents) {
        Map<String, List<String>> children = new TreeMap<>();
        parents.keySet().forEach(k -> children.put(k, new ArrayList<>()));
        parents.forEach((child, ps) -> ps.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(child)));
        return children;
    }
}
