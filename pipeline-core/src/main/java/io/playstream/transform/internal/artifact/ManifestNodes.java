package io.playstream.transform.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.graph.UnitTestNode;
import io.playstream.transform.internal.project.UnitTestDefinition;
import io.playstream.transform.internal.project.ColumnDoc;
import io.playstream.transform.internal.project.Digests;
import io.playstream.transform.internal.project.Exposure;
import io.playstream.transform.internal.project.SourceTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The manifest's node of each kind, with the fields and defaults dbt writes for it. */
final class ManifestNodes {

    /** dbt's model config with nothing set: the runner's config is laid over it. */
    private static final Map<String, Object> MODEL_CONFIG_DEFAULTS = defaults(
            "enabled", true, "alias", null, "schema", null, "database", null, "tags", List.of(), "meta", Map.of(),
            "group", null, "materialized", "view", "incremental_strategy", null, "batch_size", null, "lookback", 1,
            "begin", null, "persist_docs", Map.of(), "post-hook", List.of(), "pre-hook", List.of(), "quoting", Map.of(),
            "column_types", Map.of(), "full_refresh", null, "unique_key", null, "on_schema_change", "ignore",
            "on_configuration_change", "apply", "grants", Map.of(), "packages", List.of(),
            "docs", docs(), "contract", Map.of("enforced", false, "alias_types", true), "event_time", null,
            "concurrent_batches", null, "access", "protected");
    /** dbt's snapshot config keys with nothing set, after the model's. */
    private static final Map<String, Object> SNAPSHOT_CONFIG_DEFAULTS = defaults(
            "materialized", "snapshot", "strategy", null, "target_schema", null, "target_database", null, "updated_at", null,
            "check_cols", null, "snapshot_meta_column_names", defaults("dbt_valid_to", null, "dbt_valid_from", null, "dbt_scd_id", null,
                    "dbt_updated_at", null, "dbt_is_deleted", null), "dbt_valid_to_current", null);
    /** dbt's test config with nothing set. */
    private static final Map<String, Object> TEST_CONFIG_DEFAULTS = defaults(
            "enabled", true, "alias", null, "schema", "dbt_test__audit", "database", null, "tags", List.of(), "meta", Map.of(),
            "group", null, "materialized", "test", "severity", "ERROR", "store_failures", null, "store_failures_as", null,
            "where", null, "limit", null, "fail_calc", "count(*)", "warn_if", "!= 0", "error_if", "!= 0");

    private final CompiledProject compiled;
    private final String project;
    private final RelationNames names;
    private final ProjectMacros macros;
    private final double createdAt = Instant.now().toEpochMilli() / 1000.0;

    ManifestNodes(CompiledProject compiled, RelationNames names) {
        this.compiled = compiled;
        this.project = compiled.project().name();
        this.names = names;
        this.macros = new ProjectMacros(project, compiled.project().macroFiles(), names.adapterType());
    }

    void model(ObjectNode node, ModelNode model) {
        String file = model.path();
        common(node, model.uniqueId(), "model", model.name(), pathInFolder(model.file().folders(), file), file);
        node.put("database", names.database());
        // an ephemeral model is a CTE, built nowhere: dbt still names the schema it would have
        node.put("schema", model.ephemeral() ? model.config().customSchema().orElse(compiled.project().profile().schema())
                : model.relation().getSchema());
        fqn(node, model.file().folders(), model.name());
        node.put("alias", model.ephemeral() ? model.name() : model.relation().getIdentifier());
        checksum(node, "sha256", fileChecksum(model.file().file().text()));
        Map<String, Object> config = new LinkedHashMap<>(MODEL_CONFIG_DEFAULTS);
        config.putAll(model.config().values());
        node.set("config", json(config));
        node.set("tags", json(model.config().tags()));
        node.put("description", model.file().description());
        columns(node.putObject("columns"), model.file().columns());
        described(node);
        node.put("patch_path", model.file().patchFile() == null ? null : project + "://" + model.file().patchFile());
        node.putNull("build_path");
        node.set("unrendered_config", json(model.config().values()));
        node.put("created_at", createdAt);
        node.put("relation_name", model.ephemeral() ? null : names.of(model.relation().getSchema(), model.relation().getIdentifier()));
        code(node, model.uniqueId(), model.file().file().text(), model.refs(), model.sources(),
                macros.calledBy(model.file().file().text()));
        node.put("access", "protected");
        node.putArray("constraints");
        node.putNull("version");
        node.putNull("latest_version");
        node.putNull("deprecation_date");
        node.set("primary_key", json(model.config().uniqueKey()));
        node.putNull("time_spine");
    }

    /**
     * A snapshot as dbt describes it: a model's fields less those only models have, its path within
     * the snapshot folder (a YAML-defined one: dbt's {@code <yml file>/<name>.sql}), its whole
     * file's checksum, and the snapshot config's keys.
     */
    void snapshot(ObjectNode node, ModelNode snapshot) {
        model(node, snapshot);
        node.put("resource_type", ModelNode.SNAPSHOT);
        String file = snapshot.path();
        String inFolder = file.substring(file.indexOf('/') + 1);
        boolean yaml = file.endsWith(".yml") || file.endsWith(".yaml");
        node.put("path", yaml ? inFolder + "/" + snapshot.name() + ".sql" : inFolder);
        checksum(node, "sha256", fileChecksum(snapshot.file().fileText()));
        Map<String, Object> config = new LinkedHashMap<>(MODEL_CONFIG_DEFAULTS);
        config.remove("access");
        config.putAll(SNAPSHOT_CONFIG_DEFAULTS);
        config.putAll(snapshot.config().values());
        // dbt names all five meta columns, null where the project keeps dbt's name
        Map<String, Object> metaColumns = new LinkedHashMap<>(castMap(SNAPSHOT_CONFIG_DEFAULTS.get("snapshot_meta_column_names")));
        metaColumns.putAll(castMap(snapshot.config().values().getOrDefault("snapshot_meta_column_names", Map.of())));
        config.put("snapshot_meta_column_names", metaColumns);
        node.set("config", json(config));
        Map<String, Object> unrendered = new LinkedHashMap<>(snapshot.config().values());
        unrendered.remove("materialized");
        node.set("unrendered_config", json(unrendered));
        for (String modelOnly : List.of("access", "constraints", "version", "latest_version", "deprecation_date", "primary_key", "time_spine")) {
            node.remove(modelOnly);
        }
    }

    /** A seed as dbt describes it: no code (raw_code empty), its CSV's checksum, its seed config. */
    void seed(ObjectNode node, ModelNode seed) {
        String file = seed.path();
        common(node, seed.uniqueId(), "seed", seed.name(), pathInFolder(seed.file().folders(), file), file);
        node.put("database", names.database());
        node.put("schema", seed.relation().getSchema());
        fqn(node, seed.file().folders(), seed.name());
        node.put("alias", seed.relation().getIdentifier());
        checksum(node, "sha256", fileChecksum(seed.file().file().text()));
        Map<String, Object> config = new LinkedHashMap<>(MODEL_CONFIG_DEFAULTS);
        config.put("delimiter", ",");
        config.put("quote_columns", null);
        config.putAll(seed.config().values());
        node.set("config", json(config));
        node.set("tags", json(seed.config().tags()));
        node.put("description", seed.file().description());
        columns(node.putObject("columns"), seed.file().columns());
        described(node);
        node.put("patch_path", seed.file().patchFile() == null ? null : project + "://" + seed.file().patchFile());
        node.putNull("build_path");
        Map<String, Object> unrendered = new LinkedHashMap<>(seed.config().values());
        unrendered.remove("materialized");
        node.set("unrendered_config", json(unrendered));
        node.put("created_at", createdAt);
        node.put("relation_name", names.of(seed.relation().getSchema(), seed.relation().getIdentifier()));
        node.put("raw_code", "");
        node.putArray("doc_blocks");
        node.putObject("depends_on").putArray("macros");
    }

    void test(ObjectNode node, TestNode test) {
        TestNode.Generic generic = test.generic();
        List<String> folders = folders(test.file());
        String alias = generic == null ? test.name() : generic.alias();
        String path = generic == null ? pathInFolder(folders, test.file()) : alias + ".sql";
        common(node, test.uniqueId(), "test", test.name(), path, test.file());
        node.put("database", names.database());
        node.put("schema", compiled.testSchema());
        fqn(node, folders, test.name());
        node.put("alias", alias);
        if (generic == null) {
            checksum(node, "sha256", fileChecksum(rawTest(test)));
        } else {
            checksum(node, "none", "");
        }
        Map<String, Object> config = new LinkedHashMap<>(TEST_CONFIG_DEFAULTS);
        // the config keeps the custom schema as configured; the node's schema is where generate_schema_name puts it
        config.put("severity", test.severity().name());
        if (!alias.equals(test.name())) {
            config.put("alias", alias);
        }
        node.set("config", json(config));
        node.putArray("tags");
        node.put("description", "");
        node.putObject("columns");
        described(node);
        node.putNull("patch_path");
        node.putNull("build_path");
        node.putObject("unrendered_config");
        node.put("created_at", createdAt);
        node.putNull("relation_name");
        String raw = rawTest(test);
        code(node, test.uniqueId(), raw, test.dependsOn(), test.sources(),
                generic == null ? macros.calledBy(raw) : Set.of(testMacro(generic)));
        if (generic != null) {
            node.put("column_name", generic.column());
            node.put("file_key_name", (test.attachedModel() != null
                    ? compiled.models().get(test.attachedModel()).resourceType() + "s." + test.attachedModel()
                    : "sources." + test.sources().get(0).split("\\.")[0]));
            node.put("attached_node", test.attachedModel() == null ? null : compiled.modelId(test.attachedModel()));
            node.set("test_metadata", json(generic.metadata()));
        }
    }

    /** A unit test as dbt's manifest keeps it: its definition with the rows normalised, depending on the model tested. */
    void unitTest(ObjectNode node, UnitTestNode unitTest) {
        UnitTestDefinition test = unitTest.definition();
        node.put("model", test.model());
        ArrayNode given = node.putArray("given");
        test.given().forEach(g -> fixture(given.addObject().put("input", g.input()), g));
        fixture(node.putObject("expect"), test.expect());
        common(node, unitTest.uniqueId(), "unit_test", test.name(), pathInFolder(folders(test.file()), test.file()), test.file());
        List<String> fqn = new ArrayList<>(folders(test.file()));
        fqn.add(test.model());
        fqn(node, fqn, test.name());
        node.put("description", test.description());
        if (test.overrides().isEmpty()) {
            node.putNull("overrides");
        } else {
            ObjectNode overrides = node.putObject("overrides");
            overrides.set("macros", json(test.overrides().macros()));
            overrides.set("vars", json(test.overrides().vars()));
            overrides.set("env_vars", json(test.overrides().envVars()));
        }
        dependsOn(node, Set.of(), List.of(compiled.modelId(unitTest.model())));
        ObjectNode config = node.putObject("config");
        config.set("tags", json(io.playstream.transform.internal.project.YamlFiles.asList(test.config().get("tags")).stream().map(String::valueOf).toList()));
        config.set("meta", json(test.config().getOrDefault("meta", Map.of())));
        config.put("enabled", true);
        // dbt hashes the definition's Python repr; the runner its own canonical text of the same parts
        node.put("checksum", Digests.sha256(RunResultsWriter.JSON.valueToTree(List.of(test.model(), node.get("given"), node.get("expect"),
                node.get("overrides"))).toString()));
        node.put("schema", compiled.models().get(unitTest.model()).relation().getSchema());
        node.put("created_at", createdAt);
        node.putNull("versions");
        node.putNull("version");
    }

    private static void fixture(ObjectNode node, UnitTestDefinition.Fixture fixture) {
        if (fixture.records() != null) {
            node.set("rows", json(fixture.records()));
        } else {
            node.put("rows", fixture.sql());
        }
        node.put("format", fixture.format().yamlName());
        node.put("fixture", fixture.fixture());
    }

    void source(ObjectNode node, SourceTable source) {
        String id = source.uniqueId(project);
        common(node, id, "source", source.tableName(), source.file(), source.file());
        node.put("database", names.database());
        node.put("schema", source.schema());
        List<String> fqn = new ArrayList<>(folders(source.file()));
        fqn.add(source.sourceName());
        fqn(node, fqn, source.tableName());
        node.put("source_name", source.sourceName());
        node.put("source_description", source.descriptions().source());
        node.put("loader", "");
        node.put("identifier", source.identifier());
        node.putObject("quoting").putNull("database").putNull("schema").putNull("identifier").putNull("column");
        node.put("loaded_at_field", source.loadedAtField());
        node.putNull("loaded_at_query");
        JsonNode freshness = freshness(source);
        node.set("freshness", freshness);
        node.putNull("external");
        node.put("description", source.descriptions().table());
        columns(node.putObject("columns"), source.descriptions().columns());
        node.putObject("meta");
        node.putObject("source_meta");
        node.putArray("tags");
        ObjectNode config = node.putObject("config").put("enabled", true);
        config.putArray("tags");
        config.putNull("event_time");
        config.set("freshness", freshness);
        node.putNull("patch_path");
        node.putObject("unrendered_config");
        node.put("relation_name", names.of(source.schema(), source.identifier()));
        node.put("created_at", createdAt);
        node.putNull("unrendered_database");
        node.put("unrendered_schema", source.schema());
        node.putArray("doc_blocks");
    }

    void exposure(ObjectNode node, String id, Exposure exposure) {
        String file = exposure.file();
        List<String> folders = folders(file);
        common(node, id, "exposure", exposure.name(), pathInFolder(folders, file), file);
        fqn(node, folders, exposure.name());
        Map<String, Object> p = exposure.properties();
        node.put("type", String.valueOf(p.get("type")));
        node.set("owner", json(p.get("owner")));
        node.put("description", String.valueOf(p.getOrDefault("description", "")));
        node.put("label", p.get("label") == null ? null : String.valueOf(p.get("label")));
        node.put("maturity", p.get("maturity") == null ? null : String.valueOf(p.get("maturity")));
        node.set("meta", json(p.getOrDefault("meta", Map.of())));
        List<String> tags = io.playstream.transform.internal.project.YamlFiles.asList(p.get("tags")).stream().map(String::valueOf).sorted().toList();
        node.set("tags", json(tags));
        ObjectNode config = node.putObject("config").put("enabled", true);
        config.set("tags", json(tags));
        config.set("meta", json(p.getOrDefault("meta", Map.of())));
        node.putObject("unrendered_config");
        node.put("url", p.get("url") == null ? null : String.valueOf(p.get("url")));
        dependsOn(node, Set.of(), exposure.refs().stream().map(compiled::modelId).toList());
        refs(node, exposure.refs());
        node.putArray("sources");
        node.putArray("metrics");
        node.put("created_at", createdAt);
    }

    void macros(ObjectNode into) {
        for (ProjectMacros.Macro macro : macros.all()) {
            String id = macros.uniqueId(macro);
            ObjectNode node = into.putObject(id);
            node.put("name", macro.name());
            node.put("resource_type", "macro");
            node.put("package_name", project);
            node.put("path", macro.file().path());
            node.put("original_file_path", macro.file().path());
            node.put("unique_id", id);
            node.put("macro_sql", macro.sql());
            ArrayNode calls = node.putObject("depends_on").putArray("macros");
            macros.calledBy(macro.sql()).stream().filter(c -> !c.equals(id)).forEach(calls::add);
            node.put("description", "");
            node.putObject("meta");
            node.set("docs", json(docs()));
            node.putNull("patch_path");
            node.putArray("arguments");
            node.put("created_at", createdAt);
            node.putNull("supported_languages");
        }
    }

    /** The fields of a node made of SQL: its code, what it reads, what it ran. */
    private void code(ObjectNode node, String id, String raw, List<String> refs, List<String> sources, Set<String> calledMacros) {
        node.put("raw_code", raw);
        node.putArray("doc_blocks");
        node.put("language", "sql");
        refs(node, refs);
        sources(node, sources);
        node.putArray("metrics");
        node.putArray("functions");
        List<String> parents = new ArrayList<>();
        sources.forEach(s -> parents.add(sourceId(s)));
        refs.forEach(r -> parents.add(compiled.modelId(r)));
        dependsOn(node, calledMacros, parents);
        compiledCode(node);
        node.putObject("contract").put("enforced", false).put("alias_types", true).putNull("checksum");
    }

    private void common(ObjectNode node, String id, String type, String name, String path, String originalPath) {
        node.put("name", name);
        node.put("resource_type", type);
        node.put("package_name", project);
        node.put("path", path);
        node.put("original_file_path", originalPath);
        node.put("unique_id", id);
    }

    /** A node's path within its resource folder (dbt: {@code silver/stg_events.sql}, without {@code models/}). */
    private static String pathInFolder(List<String> folders, String file) {
        List<String> parts = new ArrayList<>(folders);
        parts.add(file.substring(file.lastIndexOf('/') + 1));
        return String.join("/", parts);
    }

    /** The folders between the resource folder ({@code models}, {@code tests}) and the file. */
    private static List<String> folders(String file) {
        String[] parts = file.split("/");
        return parts.length <= 2 ? List.of() : List.of(parts).subList(1, parts.length - 1);
    }

    private void fqn(ObjectNode node, List<String> folders, String name) {
        ArrayNode fqn = node.putArray("fqn").add(project);
        folders.forEach(fqn::add);
        fqn.add(name);
    }

    private static void checksum(ObjectNode node, String name, String checksum) {
        node.putObject("checksum").put("name", name).put("checksum", checksum);
    }

    /** dbt hashes a file's text without its leading and trailing white space. */
    private static String fileChecksum(String text) {
        return Digests.sha256(text.strip());
    }

    private static void described(ObjectNode node) {
        node.putObject("meta");
        node.putNull("group");
        node.set("docs", json(docs()));
    }

    private static void columns(ObjectNode into, List<ColumnDoc> columns) {
        for (ColumnDoc column : columns) {
            ObjectNode c = into.putObject(column.name());
            c.put("name", column.name());
            c.put("description", column.description());
            c.putObject("meta");
            c.put("data_type", column.dataType());
            c.putArray("constraints");
            c.putNull("quote");
            c.putObject("config").putObject("meta");
            ((ObjectNode) c.get("config")).putArray("tags");
            c.putArray("tags");
            c.putNull("granularity");
            c.putArray("doc_blocks");
        }
    }

    private static void refs(ObjectNode node, List<String> models) {
        ArrayNode refs = node.putArray("refs");
        models.forEach(m -> refs.addObject().put("name", m).putNull("package").putNull("version"));
    }

    private static void sources(ObjectNode node, List<String> sources) {
        ArrayNode array = node.putArray("sources");
        sources.forEach(s -> {
            String[] parts = s.split("\\.", 2);
            array.addArray().add(parts[0]).add(parts[1]);
        });
    }

    private static void dependsOn(ObjectNode node, Set<String> macros, List<String> nodes) {
        ObjectNode depends = node.putObject("depends_on");
        ManifestWriter.strings(depends.putArray("macros"), macros);
        ManifestWriter.strings(depends.putArray("nodes"), nodes);
    }

    /** A node no run has compiled yet: {@link #compiled} fills it in for the run that did. */
    private static void compiledCode(ObjectNode node) {
        node.putNull("compiled_path");
        node.put("compiled", false);
        node.putNull("compiled_code");
        node.put("extra_ctes_injected", false);
        node.putArray("extra_ctes");
    }

    /** A node as a run compiled it to {@code code}; a node without compiled code (a seed, a source) stays as it is. */
    static void compiled(ObjectNode node, String code) {
        if (node != null && node.has("compiled_code")) {
            node.put("compiled", true);
            node.put("compiled_code", code);
            node.put("extra_ctes_injected", true);
        }
    }

    private String sourceId(String sourceDotTable) {
        return "source." + project + "." + sourceDotTable;
    }

    /** dbt's raw code of a test: the file for a singular test, the macro call for a generic one. */
    private String rawTest(TestNode test) {
        if (test.generic() == null) {
            return compiled.project().singularTests().stream().filter(f -> f.path().equals(test.file()))
                    .findFirst().map(f -> f.text()).orElse("");
        }
        Object namespace = test.generic().metadata().get("namespace");
        return "{{ " + (namespace == null ? "" : namespace + ".") + "test_" + test.generic().metadata().get("name")
                + "(**_dbt_generic_test_kwargs) }}";
    }

    private static String testMacro(TestNode.Generic generic) {
        Object namespace = generic.metadata().get("namespace");
        return "macro." + (namespace == null ? "dbt" : namespace) + ".test_" + generic.metadata().get("name");
    }

    private static JsonNode freshness(SourceTable source) {
        // no freshness configured: dbt 1.11 still writes the thresholds, each empty
        ObjectNode freshness = (ObjectNode) json(source.freshness());
        for (String threshold : List.of("warn_after", "error_after")) {
            if (!freshness.has(threshold)) {
                freshness.putObject(threshold).putNull("count").putNull("period");
            }
        }
        if (!freshness.has("filter")) {
            freshness.putNull("filter");
        }
        return freshness;
    }

    private static Map<String, Object> docs() {
        Map<String, Object> docs = new LinkedHashMap<>();
        docs.put("show", true);
        docs.put("node_color", null);
        return docs;
    }

    private static JsonNode json(Object value) {
        return RunResultsWriter.JSON.valueToTree(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> defaults(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
