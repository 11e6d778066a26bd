package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.NodeResult;
import io.playstream.transform.NodeStatus;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.jinja.RenderScope;
import io.playstream.transform.internal.project.RunHooks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What runs outside the graph's nodes: dbt_project.yml's {@code on-run-start} and
 * {@code on-run-end} hooks (each its own {@code operation} result, as dbt records them) and
 * {@code run-operation}'s macro. Their Jinja may run queries ({@code run_query},
 * {@code statement}, {@code load_result}) and print with {@code log(..., info=True)}.
 */
public final class ProjectOperations {

    private static final Pattern MACRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ARGUMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final CompiledProject project;
    private final DbtJinja jinja;
    private final SqlSession session;
    private final SessionQueries queries;
    private final Consumer<String> console;

    public ProjectOperations(CompiledProject project, ModelCompiler compiler, SqlSession session, Consumer<String> console) {
        this.project = project;
        this.jinja = compiler.jinja();
        this.session = session;
        this.queries = new SessionQueries(session, console);
        this.console = console;
    }

    /** The {@code on-run-start} hooks, in order; a failing one ends them (the run then builds nothing). */
    public List<NodeResult> onRunStart(RunHooks hooks) {
        return run(hooks, RunHooks.ON_RUN_START, hooks.start(), Map.of());
    }

    /**
     * The {@code on-run-end} hooks, with dbt's context: {@code results} (each node's result, with
     * {@code status}, {@code message}, {@code failures}, {@code execution_time} and {@code node}'s
     * {@code unique_id}, {@code name}, {@code resource_type}, {@code schema}, {@code alias},
     * {@code relation_name}) and {@code schemas} (the schemas of the run's built relations).
     */
    public List<NodeResult> onRunEnd(RunHooks hooks, List<NodeResult> results) {
        List<Map<String, Object>> context = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        for (NodeResult result : results) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("unique_id", result.uniqueId());
            node.put("name", result.name());
            node.put("resource_type", result.resourceType());
            String relation = result.relationName();
            node.put("schema", relation == null || !relation.contains(".") ? null : relation.substring(0, relation.indexOf('.')));
            node.put("alias", relation == null ? null : relation.substring(relation.indexOf('.') + 1));
            node.put("relation_name", relation);
            if (relation != null && relation.contains(".")) {
                schemas.add(relation.substring(0, relation.indexOf('.')));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status().dbtName());
            entry.put("message", result.message());
            entry.put("failures", result.failures());
            entry.put("execution_time", result.executionSeconds());
            entry.put("unique_id", result.uniqueId());
            entry.put("node", node);
            context.add(entry);
        }
        return run(hooks, RunHooks.ON_RUN_END, hooks.end(), Map.of("results", context, "schemas", List.copyOf(schemas),
                "database_schemas", List.of()));
    }

    private List<NodeResult> run(RunHooks hooks, String kind, List<String> templates, Map<String, Object> variables) {
        List<NodeResult> results = new ArrayList<>();
        if (templates.isEmpty()) {
            return results;
        }
        DbtLog log = new DbtLog(console, templates.size());
        for (int i = 0; i < templates.size(); i++) {
            String display = hooks.displayName(kind, i);
            Instant started = Instant.now();
            log.start(i + 1, "hook: " + display);
            String sql = null;
            try {
                String file = "dbt_project.yml (" + kind + " " + i + ")";
                sql = jinja.renderExecuting(file, templates.get(i), scope(file), queries, variables);
                if (!sql.isBlank()) {
                    session.execute(sql);
                }
                Instant done = Instant.now();
                log.done(i + 1, "OK hook: " + display, "OK in " + DbtLog.seconds(seconds(started, done)));
                results.add(new NodeResult(hooks.uniqueId(kind, i), "operation", hooks.nodeName(kind, i), NodeStatus.SUCCESS, display + " passed",
                        -1, 0L, started, done, sql, null));
            } catch (PlaystreamException e) {
                if (e.isRetriable()) {
                    throw e;
                }
                Instant done = Instant.now();
                log.done(i + 1, "ERROR hook: " + display, "ERROR in " + DbtLog.seconds(seconds(started, done)));
                String message = "Database Error in operation " + hooks.nodeName(kind, i) + " (./dbt_project.yml)\n  " + e.getMessage();
                log.line("  " + message.replace("\n", "\n  "));
                results.add(new NodeResult(hooks.uniqueId(kind, i), "operation", hooks.nodeName(kind, i), NodeStatus.ERROR, message, -1, null,
                        started, done, sql, null));
                break;
            }
        }
        return results;
    }

    /**
     * {@code dbt run-operation MACRO --args '{...}'}: calls one of the project's macros with the
     * arguments as keyword arguments; its queries run, its text output is dropped, as in dbt.
     *
     * @param projectName names the result {@code macro.<project>.<macro>}
     */
    public NodeResult runOperation(String projectName, String macro, Map<String, Object> args) {
        Instant started = Instant.now();
        String uniqueId = "macro." + projectName + "." + macro;
        try {
            if (!MACRO_NAME.matcher(macro).matches() || !jinja.hasMacro(macro)) {
                throw PlaystreamException.permanent("Runtime Error: dbt could not find a macro with the name '" + macro
                        + "' in the project (the runner runs the project's own macros)");
            }
            StringBuilder call = new StringBuilder("{{ ").append(macro).append("(");
            int n = 0;
            for (String name : args.keySet()) {
                if (!ARGUMENT_NAME.matcher(name).matches()) {
                    throw PlaystreamException.permanent("run-operation " + macro + ": '" + name + "' is not an argument name");
                }
                call.append(n++ == 0 ? "" : ", ").append(name).append("=__ps_args['").append(name).append("']");
            }
            call.append(") }}");
            jinja.renderExecuting("run-operation " + macro, call.toString(), scope("macro " + macro), queries,
                    Map.of("__ps_args", args));
            return new NodeResult(uniqueId, "macro", macro, NodeStatus.SUCCESS, null, -1, 0L, started, Instant.now(), null, null);
        } catch (PlaystreamException e) {
            if (e.isRetriable()) {
                throw e;
            }
            console.accept("Encountered an error while running operation: " + e.getMessage());
            return new NodeResult(uniqueId, "macro", macro, NodeStatus.ERROR, e.getMessage(), -1, null, started, Instant.now(), null, null);
        }
    }

    /** A hook's or operation's render: {@code ref} and {@code source} name the project's relations. */
    private RenderScope scope(String file) {
        return new RenderScope(file, Resolvers.building(project.models(), project.sources(), file, Set.of()), false, null);
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}
