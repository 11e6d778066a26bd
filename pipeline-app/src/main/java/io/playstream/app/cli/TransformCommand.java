package io.playstream.app.cli;

import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.transform.FreshnessRun;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import io.playstream.transform.NodeListing;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code playstream transform}: runs the dbt project's build (models and tests) with the app's own runner. */
@Command(name = "transform",
        mixinStandardHelpOptions = true,
        description = "Build the dbt project's models and run its tests on a warehouse, without dbt installed.")
public final class TransformCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--warehouse", required = true, paramLabel = "URI",
            description = "duckdb:/abs/path/file.duckdb, jdbc:postgresql://host:port/db?user=... or jdbc:snowflake://... (secrets from the environment)")
    String warehouse;

    @Option(names = "--project", paramLabel = "DIR", description = "The dbt project folder (default: ${DEFAULT-VALUE}).")
    Path project = TransformOptions.DEFAULT_PROJECT_DIR;

    @Option(names = {"--select", "-s"}, paramLabel = "SELECTOR", arity = "1..*",
            description = "dbt node selection, as dbt reads it: names, @, n+ and +n, method:value (tag:, path:, config.KEY:, "
                    + "test_type:, resource_type:, source:, exposure:, state:modified, result:error, source_status:fresher, ...); "
                    + "space-separated terms are united, comma-joined ones intersected.")
    List<String> select = List.of();

    @Option(names = "--exclude", paramLabel = "SELECTOR", arity = "1..*",
            description = "dbt's --exclude: nodes (and their tests) left out of the selection.")
    List<String> exclude = List.of();

    @Option(names = "--selector", paramLabel = "NAME",
            description = "A YAML selector of the project's selectors.yml (dbt's --selector); --select and --exclude are then "
                    + "ignored, as dbt ignores them. Without --select, --exclude and --selector, a selector with default: true decides.")
    String selector;

    @Option(names = "--state", paramLabel = "DIR",
            description = "An earlier run's target folder (its manifest.json, run_results.json, sources.json), "
                    + "for the state:, result: and source_status: selectors.")
    Path state;

    @Option(names = {"--ls", "--list"}, description = "Instead of building, print the nodes the selection picks, "
            + "sorted, as dbt ls does (with --resource-type and --output).")
    boolean list;

    @Option(names = "--docs", description = "Instead of building, write target/catalog.json (dbt docs generate's catalog): "
            + "the columns and types of every built model and source, from the warehouse.")
    boolean docs;

    @Option(names = "--resource-type", paramLabel = "TYPE", arity = "1..*",
            description = "With --ls: only nodes of these types (model, test, source, exposure).")
    List<String> resourceTypes = List.of();

    @Option(names = {"--output", "-o"}, paramLabel = "FORMAT", defaultValue = "selector",
            description = "With --ls: selector (default), name, path or json.")
    String output;

    @Option(names = "--full-refresh", description = "Rebuild incremental models from scratch.")
    boolean fullRefresh;

    @Option(names = "--event-time-start", paramLabel = "TIME",
            description = "Microbatch models build their batches from this date or timestamp (UTC), as dbt's backfill flag.")
    String eventTimeStart;

    @Option(names = "--event-time-end", paramLabel = "TIME",
            description = "Microbatch models build their batches until this date or timestamp (UTC, exclusive).")
    String eventTimeEnd;

    @Option(names = "--target-path", paramLabel = "DIR",
            description = "Where run_results.json and manifest.json go (default: the project's target/, as with dbt).")
    Path targetPath;

    @Option(names = {"--no-state-aware", "--rebuild-all"},
            description = "Build every selected model and run every test, even those whose code and inputs did not change"
                    + " since their last success (by default such nodes are reused).")
    boolean rebuildAll;

    @Option(names = "--vars", paramLabel = "YAML", description = "Project variables as a YAML mapping, e.g. '{lookback_hours: 6}'.")
    String vars;

    @Option(names = "--freshness", description = "Instead of building, check the sources' freshness (dbt source freshness): "
            + "writes target/sources.json; fails when a source is older than its error_after.")
    boolean freshness;

    @Option(names = "--run-operation", paramLabel = "MACRO",
            description = "Instead of building, run one of the project's macros, as dbt run-operation does "
                    + "(its Jinja may run queries: run_query, statement blocks, load_result, log).")
    String runOperation;

    @Option(names = "--args", paramLabel = "YAML", description = "With --run-operation: the macro's arguments as a YAML mapping, "
            + "e.g. '{role: reporter}'.")
    String operationArgs;

    @Override
    public Integer call() {
        TransformOptions options = TransformOptions.of(project).withSelect(String.join(" ", select))
                .withExclude(String.join(" ", exclude)).withState(state).withFullRefresh(fullRefresh)
                .withStateAware(!rebuildAll).withEnv(System.getenv()).withTargetPath(targetPath)
                .withEventTimes(eventTimeStart, eventTimeEnd);
        if (vars != null) {
            options = options.withVars(vars);
        }
        if (selector != null) {
            options = options.withSelector(selector);
        }
        try (Warehouse target = Warehouses.open(warehouse, System.getenv())) {
            if (list) {
                NodeListing format = NodeListing.named(output);
                new TransformRunner(target, spec.commandLine().getErr()::println).list(options, resourceTypes, format)
                        .forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().flush();
                return 0;
            }
            if (docs) {
                new TransformRunner(target, spec.commandLine().getOut()::println).docs(options);
                spec.commandLine().getOut().flush();
                return 0;
            }
            if (runOperation != null) {
                Map<String, Object> arguments = operationArgs == null ? Map.of() : TransformRunner.operationArguments(operationArgs);
                RunSummary run = new TransformRunner(target, spec.commandLine().getOut()::println).runOperation(options, runOperation,
                        arguments);
                spec.commandLine().getOut().flush();
                return run.succeeded() ? 0 : FailureHandler.FAILURE;
            }
            if (freshness) {
                FreshnessRun run = new TransformRunner(target, spec.commandLine().getOut()::println).freshness(options);
                spec.commandLine().getOut().flush();
                return run.succeeded() ? 0 : FailureHandler.FAILURE;
            }
            RunSummary summary = new TransformRunner(target, spec.commandLine().getOut()::println).run(options);
            spec.commandLine().getOut().flush();
            return summary.succeeded() ? 0 : FailureHandler.FAILURE;
        }
    }
}
