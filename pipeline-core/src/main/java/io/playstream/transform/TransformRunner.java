package io.playstream.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.OptionalDependency;
import io.playstream.PlaystreamException;
import io.playstream.transform.artifact.CatalogWriter;
import io.playstream.transform.artifact.ManifestWriter;
import io.playstream.transform.artifact.NodeResult;
import io.playstream.transform.artifact.RelationNames;
import io.playstream.transform.artifact.RunMetadata;
import io.playstream.transform.artifact.RunResultsWriter;
import io.playstream.transform.artifact.SourcesWriter;
import io.playstream.transform.freshness.FreshnessResult;
import io.playstream.transform.freshness.FreshnessRun;
import io.playstream.transform.freshness.SourceFreshness;
import io.playstream.transform.execute.BuildRun;
import io.playstream.transform.execute.NodeListener;
import io.playstream.transform.execute.ProjectCompiler;
import io.playstream.transform.execute.SqlSession;
import io.playstream.transform.graph.CompiledProject;
import io.playstream.transform.graph.ModelNode;
import io.playstream.transform.graph.ManifestGraph;
import io.playstream.transform.graph.NodeListing;
import io.playstream.transform.graph.NodeSelector;
import io.playstream.transform.graph.PreviousState;
import io.playstream.transform.graph.TestNode;
import io.playstream.transform.jinja.DbtJinja;
import io.playstream.transform.jinja.JinjaSettings;
import io.playstream.transform.project.DbtProject;
import io.playstream.transform.project.ProjectReader;
import io.playstream.transform.sql.Dialect;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
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
    /** Runs in this JVM on the same warehouse take turns (the warehouse's own lock covers other processes). */
    private static final Map<String, ReentrantLock> LOCAL_RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Warehouse warehouse;
    private final Consumer<String> console;
    private final NodeListener listener;

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

    private record Prepared(DbtProject project, DbtJinja jinja, CompiledProject compiled) {
    }

    private Prepared prepare(TransformOptions options) {
        String adapter = warehouse.kind().adapterType();
        DbtJinja bootstrap = new DbtJinja(new JinjaSettings(adapter, options.vars(), options.env(), List.of()), Map.of("type", adapter));
        DbtProject project = new ProjectReader(options.projectDir())
                .read(adapter, value -> bootstrap.renderPlain("profiles.yml", value));
        Map<String, Object> vars = new LinkedHashMap<>(project.vars());
        vars.putAll(options.vars());
        Map<String, Object> target = Map.of("type", adapter, "schema", project.profile().schema(),
                "name", project.profile().name(), "profile_name", project.name(), "threads", 1);
        DbtJinja jinja = new DbtJinja(new JinjaSettings(adapter, vars, options.env(), project.packages()), target);
        jinja.loadMacros(project.macroFiles());
        return new Prepared(project, jinja, new ProjectCompiler(project, jinja).compile());
    }

    /** Builds the selected models and runs their tests; a failure is in the summary, not thrown. */
    public RunSummary run(TransformOptions options) {
        Instant started = Instant.now();
        String invocation = UUID.randomUUID().toString();
        String adapter = warehouse.kind().adapterType();
        Prepared prepared = prepare(options);
        DbtProject project = prepared.project();
        DbtJinja jinja = prepared.jinja();
        CompiledProject compiled = prepared.compiled();
        Path targetDir = targetDir(options, project);
        Set<String> selected = selection(options, prepared, targetDir).select(options.select(), options.exclude(), List.of());
        List<ModelNode> models = compiled.graph().order().stream().map(compiled.models()::get)
                .filter(m -> selected.contains(m.uniqueId()) && !m.ephemeral()).toList();
        List<TestNode> tests = compiled.tests().stream().filter(t -> selected.contains(t.uniqueId())).toList();
        console.accept("Running with playstream transform runner (dbt " + RunMetadata.DBT_VERSION + " compatible)");
        console.accept("Found " + compiled.models().size() + " models, " + compiled.tests().size() + " data tests, "
                + compiled.sources().size() + " sources");
        console.accept("Concurrency: 1 threads (target='" + project.profile().name() + "', warehouse=" + warehouse.describe() + ")");
        List<NodeResult> results;
        String database;
        Dialect dialect = Dialect.of(warehouse.kind());
        ReentrantLock local = LOCAL_RUNS.computeIfAbsent(warehouse.describe(), k -> new ReentrantLock());
        local.lock();
        try (Connection connection = warehouse.connect()) {
            database = connection.getCatalog();
            SqlSession session = new SqlSession(connection);
            dialect.runLock().ifPresent(session::execute);
            results = new BuildRun(compiled, jinja, session, dialect, options.fullRefresh(), options.stateAware(), invocation,
                    console, listener)
                    .run(models, tests);
        } catch (SQLException e) {
            throw PlaystreamException.retriable("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
        double elapsed = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
        RunMetadata metadata = new RunMetadata(invocation, started, Instant.now(), project.name(), adapter);
        RelationNames names = new RelationNames(adapter, database == null ? "" : database);
        RunResultsWriter.write(targetDir, metadata, results, elapsed, args(options, project), names);
        ManifestWriter.write(targetDir, metadata, compiled, names, results);
        RunSummary summary = new RunSummary(results, elapsed, targetDir);
        new SummaryPrinter(console).print(summary, models.size(), tests.size());
        LOG.info("Transform(project={}, models={}, tests={}, reused={}, ok={}) took {} s", project.name(), models.size(),
                tests.size(), summary.reused(), summary.succeeded(), elapsed);
        return summary;
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
        String adapter = warehouse.kind().adapterType();
        try (Connection connection = warehouse.connect()) {
            String database = connection.getCatalog();
            RunMetadata metadata = new RunMetadata(UUID.randomUUID().toString(), started, Instant.now(), prepared.project().name(), adapter);
            JsonNode manifest = ManifestWriter.manifest(metadata, prepared.compiled(), new RelationNames(adapter, database == null ? "" : database),
                    List.of());
            Path catalog = CatalogWriter.write(targetDir(options, prepared.project()), metadata, manifest, connection);
            console.accept("Catalog written to " + catalog);
            return catalog;
        } catch (SQLException e) {
            throw PlaystreamException.retriable("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The manifest this run would write (without compiled code), as selection reads it. */
    private NodeSelector selection(TransformOptions options, Prepared prepared, Path targetDir) {
        String adapter = warehouse.kind().adapterType();
        Instant now = Instant.now();
        RunMetadata metadata = new RunMetadata(UUID.randomUUID().toString(), now, now, prepared.project().name(), adapter);
        ManifestGraph graph = new ManifestGraph(ManifestWriter.manifest(metadata, prepared.compiled(), new RelationNames(adapter, ""),
                List.of()));
        return new NodeSelector(graph, new PreviousState(options.statePath(), targetDir), console);
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
            throw PlaystreamException.retriable("cannot use " + warehouse.describe() + ": " + e.getMessage(), e);
        }
        int index = 0;
        for (FreshnessResult result : results) {
            index++;
            String age = result.maxLoadedAt() == null ? result.error() : String.format(java.util.Locale.ROOT, "%.0f s old", result.ageSeconds());
            console.accept(index + " of " + results.size() + " " + result.status().toUpperCase(java.util.Locale.ROOT)
                    + " freshness of " + result.uniqueId().substring(("source." + project.name() + ".").length()) + " (" + age + ")");
        }
        Path targetDir = targetDir(options, project);
        double elapsed = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
        RunMetadata metadata = new RunMetadata(UUID.randomUUID().toString(), started, Instant.now(), project.name(),
                warehouse.kind().adapterType());
        return new FreshnessRun(results, SourcesWriter.write(targetDir, metadata, results, elapsed));
    }

    /** The invocation's arguments, under the names dbt's run_results.json gives them. */
    private static Map<String, Object> args(TransformOptions options, DbtProject project) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("which", "build");
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
