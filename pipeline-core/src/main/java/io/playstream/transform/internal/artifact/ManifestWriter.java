package io.playstream.transform.internal.artifact;

import io.playstream.transform.NodeResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.graph.UnitTestNode;
import io.playstream.transform.internal.project.Exposure;
import io.playstream.transform.internal.project.SourceTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes target/manifest.json as dbt writes it (manifest v12, valid against dbt's published
 * schema): models, seeds, snapshots, generic and singular tests, sources, exposures and the project's macros with
 * the fields dbt fills for them, and the parent and child maps over all of them.
 */
public final class ManifestWriter {

    public static final String SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";

    private ManifestWriter() {
    }

    /**
     * @param warehouse the database the relations live in and how the adapter quotes names
     * @param results this run's results: the SQL each node ran becomes its {@code compiled_code}
     */
    public static Path write(Path targetDir, RunMetadata metadata, CompiledProject compiled, RelationNames warehouse,
            List<NodeResult> results) {
        return write(targetDir, parsed(compiled, warehouse), metadata, results);
    }

    /** Writes a run's manifest from its parse's ({@link #parsed}), which it leaves as it was. */
    public static Path write(Path targetDir, ObjectNode parsed, RunMetadata metadata, List<NodeResult> results) {
        return RunResultsWriter.writeJson(targetDir.resolve("manifest.json"), forRun(parsed, metadata, results));
    }

    /** The manifest in memory, as {@link #write} writes it: what node selection and {@code ls} read. */
    public static ObjectNode manifest(RunMetadata metadata, CompiledProject compiled, RelationNames warehouse,
            List<NodeResult> results) {
        return forRun(parsed(compiled, warehouse), metadata, results);
    }

    /**
     * A run's manifest: the parse's, with the run's metadata and the SQL each node ran as its
     * {@code compiled_code}. A runner kept across runs builds the parse's part once: building every
     * node again took about a tenth of a micro-batch transform's own thread.
     */
    public static ObjectNode forRun(ObjectNode parsed, RunMetadata metadata, List<NodeResult> results) {
        ObjectNode root = parsed.deepCopy();
        root.set("metadata", metadata.manifestJson(SCHEMA));
        for (NodeResult result : results) {
            if (result.compiledSql() != null) {
                JsonNode node = root.path("nodes").path(result.uniqueId());
                JsonNode unitTest = root.path("unit_tests").path(result.uniqueId());
                ManifestNodes.compiled(node.isObject() ? (ObjectNode) node : unitTest.isObject() ? (ObjectNode) unitTest : null,
                        result.compiledSql());
            }
        }
        return root;
    }

    /**
     * What a parse fixes of the manifest, for one warehouse: every node as no run has compiled it
     * yet, and no metadata; {@link #forRun} completes a copy for a run.
     */
    public static ObjectNode parsed(CompiledProject compiled, RelationNames warehouse) {
        ObjectNode root = RunResultsWriter.JSON.createObjectNode();
        // first, where dbt writes it; each run sets its own
        root.putNull("metadata");
        ManifestNodes build = new ManifestNodes(compiled, warehouse);
        Map<String, List<String>> parents = new TreeMap<>();
        ObjectNode nodes = root.putObject("nodes");
        for (ModelNode model : compiled.models().values()) {
            ObjectNode node = nodes.putObject(model.uniqueId());
            if (model.seed()) {
                build.seed(node, model);
                parents.put(model.uniqueId(), List.of());
            } else if (model.snapshot()) {
                build.snapshot(node, model);
                parents.put(model.uniqueId(), dependsOn(node));
            } else {
                build.model(node, model);
                parents.put(model.uniqueId(), dependsOn(node));
            }
        }
        for (TestNode test : compiled.tests()) {
            ObjectNode node = nodes.putObject(test.uniqueId());
            build.test(node, test);
            parents.put(test.uniqueId(), dependsOn(node));
        }
        ObjectNode sources = root.putObject("sources");
        for (SourceTable source : compiled.sources().values()) {
            build.source(sources.putObject(source.uniqueId(compiled.project().name())), source);
            parents.put(source.uniqueId(compiled.project().name()), List.of());
        }
        ObjectNode macros = root.putObject("macros");
        build.macros(macros);
        root.putObject("docs");
        ObjectNode exposures = root.putObject("exposures");
        for (Exposure exposure : compiled.project().exposures()) {
            String id = "exposure." + compiled.project().name() + "." + exposure.name();
            ObjectNode node = exposures.putObject(id);
            build.exposure(node, id, exposure);
            parents.put(id, dependsOn(node));
        }
        ObjectNode unitTests = root.putObject("unit_tests");
        for (UnitTestNode unitTest : compiled.unitTests()) {
            ObjectNode node = unitTests.putObject(unitTest.uniqueId());
            build.unitTest(node, unitTest);
            parents.put(unitTest.uniqueId(), dependsOn(node));
        }
        for (String empty : List.of("metrics", "groups", "selectors", "disabled", "semantic_models", "saved_queries")) {
            root.putObject(empty);
        }
        root.set("parent_map", RunResultsWriter.JSON.valueToTree(parents));
        root.set("child_map", RunResultsWriter.JSON.valueToTree(children(parents)));
        root.putObject("group_map");
        return root;
    }

    private static List<String> dependsOn(ObjectNode node) {
        List<String> ids = new ArrayList<>();
        node.withArray("/depends_on/nodes").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static Map<String, List<String>> children(Map<String, List<String>> parents) {
        Map<String, List<String>> children = new TreeMap<>();
        parents.keySet().forEach(k -> children.put(k, new ArrayList<>()));
        parents.forEach((child, ps) -> ps.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(child)));
        children.values().forEach(list -> list.sort(null));
        return children;
    }

    static void strings(ArrayNode array, Iterable<String> values) {
        values.forEach(array::add);
    }
}
