package io.playstream.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.Failures;
import io.playstream.OptionalDependency;
import io.playstream.transform.internal.artifact.CatalogWriter;
import io.playstream.transform.internal.artifact.ManifestWriter;
import io.playstream.transform.internal.artifact.RelationNames;
import io.playstream.transform.internal.artifact.RunMetadata;
import io.playstream.transform.internal.artifact.RunResultsWriter;
import io.playstream.transform.internal.artifact.SourcesWriter;
import io.playstream.transform.internal.freshness.SourceFreshness;
import io.playstream.transform.internal.execute.BuildRun;
import io.playstream.transform.internal.execute.ModelCompiler;
import io.playstream.transform.internal.execute.ProjectCompiler;
import io.playstream.transform.internal.execute.ProjectOperations;
import io.playstream.transform.internal.execute.SqlSession;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.ManifestGraph;
import io.playstream.transform.internal.graph.NodeSelector;
import io.playstream.transform.internal.graph.PreviousState;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.graph.UnitTestNode;
import io.playstream.transform.internal.graph.YamlSelectors;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.jinja.JinjaSettings;
import io.playstream.transform.internal.project.DbtProject;
import io.playstream.transform.internal.project.ProjectFiles;
import io.playstream.transform.internal.project.ProjectReader;
import io.playstream.transform.internal.project.RunHooks;
import io.playstream.transform.internal.project.YamlFiles;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.WarehouseLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a dbt project's {@code build} (models and their tests) on a {@link Warehouse} without dbt:
 * reads the project, parses and orders its models, builds the selected ones, runs their tests and
 * writes dbt's run_results.json and manifest.json into the project's {@code target/} folder.
 * Anything it does not implement stops the run with an error naming the file and the construct.
 */
public final class TransformRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TransformRunner.class);

    private final Warehouse warehouse;
    private final Consumer<String> console;
    private final NodeListener listener;
    /** The last parse, kept for the next run of the same project with unchanged files (continuous mode). */
    private Prepared lastPrepared;

    /** @param console receives dbt-like log lines ({@code 1 of 12 START sql table model ...}) */
    public TransformRunner(Warehouse warehouse, Consumer<String> console) {
        this(warehouse, console, NodeListener.NONE);
    }

    /** @param listener told of each node as it starts and ends (a progress bar, a test) */
    public TransformRunner(Warehouse warehouse, Consumer<String> console, NodeListener listener) {
        OptionalDependency.requireAll(OptionalDependency.JINJAVA, OptionalDependency.SNAKEYAML);
        this.warehouse = warehouse;
        this.console = console;
        this.listener = listener;
    }

    /** Parses the project without touching the warehouse: the models, tests and graph dbt would see. */
    public CompiledProject compile(TransformOptions options) {
        return prepare(options).compiled();
    }

    /**
     * @param key what the parse depends on (options and the project files' digest); null when it
     *            must not be kept
     */
    private record Prepared(DbtProject project, CompiledProject compiled, ModelCompiler models, ManifestGraph graph,
            RunHooks runHooks, List<Object> key, Map<RelationNames, ObjectNode> manifests) {

        Prepared(DbtProject project, CompiledProject compiled, ModelCompiler models, ManifestGraph graph, List<Object> key) {
            this(project, compiled, models, graph, RunHooks.read(project.root(), project.name()), key, new ConcurrentHashMap<>());
        }

        /** The parse's part of the manifest for the warehouse, built at its first run: each run copies it. */
        ObjectNode manifest(RelationNames names) {
            return manifests.computeIfAbsent(names, n -> ManifestWriter.parsed(compiled, n));
        }
    }

    /**
     * The parsed project: the last one again when the same options run on unchanged files (a
     * runner kept across runs, as continuous mode keeps it, parses the project once), else a
     * fresh parse.
     */
    private synchronized Prepared prepare(TransformOptions options) {
        List<Object> key = ProjectFiles.digest(options.projectDir())
                .<List<Object>>map(digest -> List.of(options.projectDir().toAbsolutePath().normalize(), options.vars(),
                        options.env(), digest))
                .orElse(null);
        if (key != null && lastPrepared != null && key.equals(lastPrepared.key())) {
            return lastPrepared;
        }
        lastPrepared = parse(options, key);
        return lastPrepared;
    }

    private Prepared parse(TransformOptions options, List<Object> key) {
        String adapter = warehouse.dbtType();
        DbtJinja bootstrap = new DbtJinja(new JinjaSettings(adapter, options.vars(), options.env(), List.of()), Map.of("type", adapter));
        DbtProject project = new ProjectReader(options.projectDir())
                .read(adapter, value -> bootstrap.renderPlain("profiles.yml", value));
        Map<String, Object> vars = new LinkedHashMap<>(project.vars());
        vars.putAll(options.vars());
        Map<String, Object> target = Map.of("type", adapter, "schema", project.profile().schema(),
                "name", project.profile().name(), "profile_name", project.name(), "threads", 1);
        DbtJinja jinja = new DbtJinja(new JinjaSettings(adapter, vars, options.env(), project.packages()), target);
        jinja.loadMacros(project.macroFiles());
        CompiledProject compiled = new ProjectCompiler(project, jinja).compile();
        // the graph selection reads, as dbt builds it from the manifest; once per parse, not per run
        Instant now = Instant.now();
        RunMetadata metadata = new RunMetadata(UUID.randomUUID().toString(), now, now, project.name(), adapter);
        ManifestGraph graph = new ManifestGraph(ManifestWriter.manifest(metadata, compiled, new RelationNames(adapter, ""), List.of()));
        return new Prepared(project, compiled, new ModelCompiler(jinja, compiled), graph, key);
    }

    /** Builds the selected models and runs their tests; a failure is in the summary, not thrown. */
    public RunSummary run(TransformOptions options) {
        return run(options, null);
    }

    /**
     * As {@link #run(TransformOptions)}, on {@code connection} in the transaction its caller holds
     * open (e.g. on {@link Warehouse#connectAtSnapshot()}), without the transform lock: for a
     * selection that only reads the models (data tests), beside a run that builds them. What it
     * writes (passed tests' state) is the transaction's; the caller ends it and closes the connection.
     * A runner holds one parse for every run: give such runs a runner of their own.
     */
    public RunSummary runInTransaction(TransformOptions options, Connection connection) {
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalArgumentException("the connection holds no open transaction");
            }
        } catch (SQLException e) {
            throw Failures.wrap("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        }
        return run(options, connection);
    }

    /** @param given the caller's connection, in its open transaction; null to connect under the transform lock */
    private RunSummary run(TransformOptions options, Connection given) {
        Instant started = Instant.now();
        String invocation = UUID.randomUUID().toString();
        String adapter = warehouse.dbtType();
        Prepared prepared = prepare(options);
        DbtProject project = prepared.project();
        CompiledProject compiled = prepared.compiled();
        Path targetDir = targetDir(options, project);
        Set<String> selected = selection(options, prepared, targetDir).select(options.select(), options.exclude(), List.of());
        List<ModelNode> models = compiled.graph().order().stream().map(compiled.models()::get)
                .filter(m -> selected.contains(m.uniqueId()) && !m.ephemeral()).toList();
        // a run without data tests (continuous mode between its test cadence) skips unit tests too
        List<TestNode> tests = !options.tests() ? List.of()
                : compiled.tests().stream().filter(t -> selected.contains(t.uniqueId())).toList();
        List<UnitTestNode> unitTests = !options.tests() ? List.of()
                : compiled.unitTests().stream().filter(u -> selected.contains(u.uniqueId())).toList();
        console.accept("Running with playstream transform runner (dbt " + RunMetadata.DBT_VERSION + " compatible)");
        long seeds = compiled.models().values().stream().filter(ModelNode::seed).count();
        long snapshots = compiled.models().values().stream().filter(ModelNode::snapshot).count();
        console.accept("Found " + (compiled.models().size() - seeds - snapshots) + " models, " + snapshots + " snapshots, " + seeds
                + " seeds, " + compiled.tests().size()
                + " data tests, " + compiled.sources().size() + " sources, " + compiled.unitTests().size() + " unit tests");
        console.accept("Concurrency: 1 threads (target='" + project.profile().name() + "', warehouse=" + warehouse.describe() + ")");
        List<NodeResult> results;
        String database;
        // a null resource is not closed: the given connection, and its transaction, stay the caller's
        try (WarehouseLock lock = given == null ? warehouse.transformLock() : null;
                Connection own = given == null ? warehouse.connect() : null) {
            Connection connection = given == null ? own : given;
            database = connection.getCatalog();
            SqlSession session = new SqlSession(connection);
            warehouse.dialect().transformSessionSettings().forEach(session::execute);
            ProjectOperations operations = new ProjectOperations(compiled, prepared.models(), session, console);
            RunHooks runHooks = prepared.runHooks();
            results = new ArrayList<>(operations.onRunStart(runHooks));
            // as dbt: a failing on-run-start hook ends the run before any node
            if (results.stream().noneMatch(NodeResult::failed)) {
                List<NodeResult> nodes = new BuildRun(compiled, prepared.models(), session, warehouse.dialect(),
                        options.fullRefresh(), options.stateAware(), invocation, console, listener)
                        .withEventTimes(options.eventTimeStart(), options.eventTimeEnd())
                        .run(models, tests, unitTests);
                results.addAll(nodes);
                results.addAll(operations.onRunEnd(runHooks, nodes));
            }
        } catch (SQLException e) {
            throw Failures.wrap("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        }
        double elapsed = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
        RunMetadata metadata = new RunMetadata(invocation, started, Instant.now(), project.name(), adapter);
        RelationNames names = new RelationNames(adapter, database == null ? "" : database);
        RunResultsWriter.write(targetDir, metadata, results, elapsed, args(options, project), names);
        ManifestWriter.write(targetDir, prepared.manifest(names), metadata, results);
        RunSummary summary = new RunSummary(results, elapsed, targetDir);
        new SummaryPrinter(console).print(summary, models.size(), tests.size());
        LOG.info("Transform(project={}, models={}, tests={}, reused={}, ok={}) took {} s", project.name(), models.size(),
                tests.size(), summary.reused(), summary.succeeded(), elapsed);
        return summary;
    }

    /** dbt's {@code run-operation --args}: a YAML mapping, e.g. {@code "{days: 3}"}. */
    public static Map<String, Object> operationArguments(String yaml) {
        return YamlFiles.parseMap(yaml, "--args");
    }

    /**
     * {@code dbt run-operation MACRO --args '{...}'}: runs one of the project's macros, whose Jinja
     * may run queries; writes target/run_results.json with its one result, as dbt does.
     */
    public RunSummary runOperation(TransformOptions options, String macro, Map<String, Object> args) {
        Instant started = Instant.now();
        Prepared prepared = prepare(options);
        DbtProject project = prepared.project();
        NodeResult result;
        String database;
        try (WarehouseLock lock = warehouse.transformLock(); Connection connection = warehouse.connect()) {
            database = connection.getCatalog();
            result = new ProjectOperations(prepared.compiled(), prepared.models(), new SqlSession(connection), console)
                    .runOperation(project.name(), macro, args);
        } catch (SQLException e) {
            throw Failures.wrap("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        }
        double elapsed = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
        RunMetadata metadata = new RunMetadata(UUID.randomUUID().toString(), started, Instant.now(), project.name(), warehouse.dbtType());
        Path targetDir = targetDir(options, project);
        Map<String, Object> invocation = args(options, project);
        invocation.put("which", "run-operation");
        invocation.put("macro", macro);
        invocation.put("args", args);
        RunResultsWriter.write(targetDir, metadata, List.of(result), elapsed, invocation,
                new RelationNames(warehouse.dbtType(), database == null ? "" : database));
        return new RunSummary(List.of(result), elapsed, targetDir);
    }

    /**
     * {@code dbt ls}: the nodes the options' {@code --select}/{@code --exclude} pick, sorted by
     * unique id, as {@code output} prints them; builds nothing and does not connect.
     *
     * @param resourceTypes dbt's {@code --resource-type} (empty: every type)
     */
    public List<String> list(TransformOptions options, Collection<String> resourceTypes, NodeListing output) {
        Prepared prepared = prepare(options);
        NodeSelector selector = selection(options, prepared, targetDir(options, prepared.project()));
        Set<String> selected = selector.select(options.select(), options.exclude(), resourceTypes);
        return output.lines(selector.graph(), selected);
    }

    /**
     * {@code dbt docs generate}'s catalog: target/catalog.json with every built model's and
     * source's columns and types as the warehouse reports them; builds nothing.
     */
    public Path docs(TransformOptions options) {
        Instant started = Instant.now();
        Prepared prepared = prepare(options);
        String adapter = warehouse.dbtType();
        try (Connection connection = warehouse.connect()) {
            String database = connection.getCatalog();
            RunMetadata metadata = new RunMetadata(UUID.randomUUID().toString(), started, Instant.now(), prepared.project().name(), adapter);
            JsonNode manifest = ManifestWriter.manifest(metadata, prepared.compiled(), new RelationNames(adapter, database == null ? "" : database),
                    List.of());
            Path catalog = CatalogWriter.write(targetDir(options, prepared.project()), metadata, manifest, connection);
            console.accept("Catalog written to " + catalog);
            return catalog;
        } catch (SQLException e) {
            throw Failures.wrap("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The manifest this run would write (without compiled code), as selection reads it. */
    private NodeSelector selection(TransformOptions options, Prepared prepared, Path targetDir) {
        return new NodeSelector(prepared.graph(), new PreviousState(options.statePath(), targetDir),
                YamlSelectors.read(prepared.project().root()), console);
    }

    private static Path targetDir(TransformOptions options, DbtProject project) {
        return options.targetPath() != null ? options.targetPath() : project.root().resolve(project.targetPath());
    }

    /**
     * {@code dbt source freshness}: measures every source with {@code loaded_at_field} and
     * {@code freshness:} thresholds and writes target/sources.json; builds nothing.
     */
    public FreshnessRun freshness(TransformOptions options) {
        Instant started = Instant.now();
        Prepared prepared = prepare(options);
        DbtProject project = prepared.project();
        List<FreshnessResult> results;
        try (Connection connection = warehouse.connect()) {
            results = new SourceFreshness(project.name()).check(connection, prepared.compiled().sources().values());
        } catch (SQLException e) {
            throw Failures.wrap("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        }
        int index = 0;
        for (FreshnessResult result : results) {
            index++;
            String age = result.maxLoadedAt() == null ? result.error() : String.format(java.util.Locale.ROOT, "%.0f s old", result.ageSeconds());
            console.accept(index + " of " + results.size() + " " + result.status().logLabel()
                    + " freshness of " + result.uniqueId().substring(("source." + project.name() + ".").length()) + " (" + age + ")");
        }
        Path targetDir = targetDir(options, project);
        double elapsed = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
        RunMetadata metadata = new RunMetadata(UUID.randomUUID().toString(), started, Instant.now(), project.name(),
                warehouse.dbtType());
        return new FreshnessRun(results, SourcesWriter.write(targetDir, metadata, results, elapsed));
    }

    /** The invocation's arguments, under the names dbt's run_results.json gives them. */
    private static Map<String, Object> args(TransformOptions options, DbtProject project) {
        Map<String, Object> args = new LinkedHashMap<>();
        // without tests the run is what `dbt run` does
        args.put("which", options.tests() ? "build" : "run");
        args.put("invocation_command", "playstream transform");
        args.put("select", terms(options.select()));
        args.put("exclude", terms(options.exclude()));
        args.put("resource_types", List.of());
        args.put("exclude_resource_types", List.of());
        args.put("indirect_selection", "eager");
        args.put("full_refresh", options.fullRefresh());
        args.put("vars", options.vars());
        args.put("state_aware", options.stateAware() && !options.fullRefresh());
        args.put("project_dir", project.root().toString());
        args.put("target", project.profile().name());
        return args;
    }

    private static List<String> terms(String selector) {
        return selector.isBlank() ? List.of() : List.of(selector.trim().split("\\s+"));
    }
}
