package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.DependencyGraph;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.jinja.RenderScope;
import io.playstream.transform.internal.project.DbtProject;
import io.playstream.transform.internal.project.Materialization;
import io.playstream.transform.internal.project.ModelFile;
import io.playstream.transform.internal.project.NodeConfig;
import io.playstream.transform.internal.project.SeedSettings;
import io.playstream.transform.internal.project.SnapshotSettings;
import io.playstream.transform.internal.project.SourceTable;
import io.playstream.transform.internal.project.SqlNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a project as dbt does: renders every model once to collect its {@code ref}s, sources and
 * {@code config()}, settles each model's config and relation (through the project's
 * {@code generate_schema_name} when it has one), orders the models and compiles the tests.
 */
public final class ProjectCompiler {

    /** The project's macro called on a node's custom schema, both passed as variables. */
    private static final String GENERATE_SCHEMA_NAME = "{{ generate_schema_name(__ps_custom, __ps_node) }}";

    private final DbtProject project;
    private final DbtJinja jinja;
    private final String targetSchema;

    public ProjectCompiler(DbtProject project, DbtJinja jinja) {
        this.project = project;
        this.jinja = jinja;
        this.targetSchema = project.profile().schema();
    }

    public CompiledProject compile() {
        Map<String, SourceTable> sources = new LinkedHashMap<>();
        project.sources().forEach(s -> sources.put(s.sourceName() + "." + s.tableName(), s));
        Map<String, ModelNode> models = new LinkedHashMap<>();
        Set<String> disabled = new HashSet<>();
        for (ModelFile file : java.util.stream.Stream.of(project.seeds(), project.models(), project.snapshots()).flatMap(List::stream).toList()) {
            if (models.containsKey(file.name()) || disabled.contains(file.name())) {
                throw PlaystreamException.permanent(file.file().path() + ": two models, seeds or snapshots are named '" + file.name() + "'");
            }
            ModelNode node = project.seeds().contains(file) ? seed(file)
                    : project.snapshots().contains(file) ? snapshot(file, sources) : parse(file, sources);
            if (node.config().enabled()) {
                models.put(file.name(), node);
            } else {
                disabled.add(file.name());
            }
        }
        Map<String, List<String>> parents = new LinkedHashMap<>();
        models.values().forEach(m -> {
            for (String ref : m.refs()) {
                if (!models.containsKey(ref)) {
                    throw PlaystreamException.permanent(m.path() + ": ref('" + ref + "') names "
                            + (disabled.contains(ref) ? "a disabled model" : "no model of the project"));
                }
            }
            parents.put(m.name(), m.refs());
        });
        DependencyGraph graph = new DependencyGraph(parents);
        graph.order();
        List<TestNode> tests = new TestCompiler(project, jinja, models, sources, disabled).compile();
        return new CompiledProject(project, models, graph, tests, sources, testSchema(),
                new UnitTestCompiler(project, models).compile());
    }

    /** A seed: its config settled as a model's, without SQL to render (dbt's seed config says {@code materialized: seed}). */
    private ModelNode seed(ModelFile file) {
        String path = file.file().path();
        NodeConfig config = new NodeConfig(file.config()).with(Map.of("materialized", Materialization.SEED.dbtName()));
        SeedSettings.of(config, path);
        Relation relation = new Relation(SqlNames.requirePlain(schemaFor(config, file, ModelNode.SEED), path + " schema"),
                SqlNames.requirePlain(config.alias().orElse(file.name()), path + " alias"));
        return new ModelNode(ModelNode.SEED + "." + project.name() + "." + file.name(), file, config, relation, List.of(), List.of());
    }

    /**
     * A snapshot: its query rendered once for its refs, sources and {@code config()}, its config
     * checked as a snapshot's; built in {@code target_schema} when given (dbt's older config), else
     * in the schema generate_schema_name gives it, as dbt 1.9+ does.
     */
    private ModelNode snapshot(ModelFile file, Map<String, SourceTable> sources) {
        String path = file.file().path();
        RenderScope scope = new RenderScope(path, Resolvers.parsing(sources, path), false, new Relation(Resolvers.PARSE_SCHEMA, file.name()));
        jinja.render(path, file.file().text(), scope);
        NodeConfig config = new NodeConfig(file.config()).with(scope.config()).with(Map.of("materialized", Materialization.SNAPSHOT.dbtName()));
        SnapshotSettings.of(config, path);
        Object targetSchema = config.values().get("target_schema");
        String schema = targetSchema != null ? String.valueOf(targetSchema) : schemaFor(config, file, ModelNode.SNAPSHOT);
        Relation relation = new Relation(SqlNames.requirePlain(schema, path + " schema"),
                SqlNames.requirePlain(config.alias().orElse(file.name()), path + " alias"));
        return new ModelNode(ModelNode.SNAPSHOT + "." + project.name() + "." + file.name(), file, config, relation, scope.refs(),
                scope.sources());
    }

    private ModelNode parse(ModelFile file, Map<String, SourceTable> sources) {
        String path = file.file().path();
        RenderScope scope = new RenderScope(path, Resolvers.parsing(sources, path), false, new Relation(Resolvers.PARSE_SCHEMA, file.name()));
        jinja.render(path, file.file().text(), scope, Map.of("model", MicrobatchBatch.PARSING));
        NodeConfig config = new NodeConfig(file.config()).with(scope.config()).validated(path);
        Relation relation = config.materialization() == Materialization.EPHEMERAL
                ? Relation.cte("__dbt__cte__" + file.name())
                : new Relation(SqlNames.requirePlain(schemaFor(config, file, "model"), file.file().path() + " schema"),
                        SqlNames.requirePlain(config.alias().orElse(file.name()), file.file().path() + " alias"));
        return new ModelNode("model." + project.name() + "." + file.name(), file, config, relation, scope.refs(), scope.sources());
    }

    private String schemaFor(NodeConfig config, ModelFile file, String resourceType) {
        Map<String, Object> node = Map.of("name", file.name(), "resource_type", resourceType, "fqn",
                fqn(file), "original_file_path", file.file().path());
        return schemaFor(config.customSchema().orElse(null), node, file.file().path());
    }

    /** The schema of tests' stored failures: dbt's custom schema {@code dbt_test__audit}, named as models' are. */
    private String testSchema() {
        return schemaFor("dbt_test__audit", Map.of("name", "dbt_test__audit", "resource_type", "test", "fqn", List.of(project.name()),
                "original_file_path", "dbt_project.yml"), "dbt_project.yml");
    }

    /** dbt's generate_schema_name: the project's macro if it has one, else {@code <target>_<custom>}. */
    private String schemaFor(String custom, Map<String, Object> node, String file) {
        if (jinja.hasMacro("generate_schema_name")) {
            Map<String, Object> arguments = new HashMap<>(Map.of("__ps_node", node));
            if (custom != null) { // left undefined, it is none to the macro
                arguments.put("__ps_custom", custom);
            }
            String schema = jinja.render(file + " (generate_schema_name)", GENERATE_SCHEMA_NAME,
                    new RenderScope(file, Resolvers.parsing(Map.of(), file), false, null), arguments).strip();
            if (schema.isEmpty()) {
                throw PlaystreamException.permanent(file + ": generate_schema_name returned an empty schema");
            }
            return schema;
        }
        return custom == null ? targetSchema : targetSchema + "_" + custom.strip();
    }

    private List<String> fqn(ModelFile file) {
        List<String> fqn = new ArrayList<>();
        fqn.add(project.name());
        fqn.addAll(file.folders());
        fqn.add(file.name());
        return fqn;
    }
}
