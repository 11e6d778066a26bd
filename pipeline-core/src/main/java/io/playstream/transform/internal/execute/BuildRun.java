package io.playstream.transform.internal.execute;

import io.playstream.transform.NodeListener;
import io.playstream.PlaystreamException;
import io.playstream.transform.NodeResult;
import io.playstream.transform.NodeStatus;
import io.playstream.transform.internal.graph.BuildNode;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.graph.UnitTestNode;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.project.Materialization;
import io.playstream.transform.internal.project.MicrobatchConfig;
import io.playstream.warehouse.sql.Dialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code dbt build} over the selected nodes: models in graph order, each test as soon as the
 * models it reads are built. A model whose parent failed (or whose parent's test failed) is skipped.
 * A node whose code and inputs did not change since its last success is reused ({@link BuildState}).
 */
public final class BuildRun {

    private final CompiledProject project;
    private final ModelCompiler compiler;
    private final ModelBuilder builder;
    private final SqlSession session;
    private final BuildState state;
    private final InputVersions versions;
    private final Consumer<String> out;
    private final NodeListener listener;
    private final UnitTests unitTestSteps;
    private final ModelHookRunner hooks;
    private final Dialect dialect;
    private final boolean fullRefresh;
    private MicrobatchBuilder microbatches;

    /**
     * @param reuse whether nodes with unchanged code and inputs are reused rather than built (the
     *              state is recorded either way)
     * @param runVersion unique per run: the output version of the models this run changes
     */
    public BuildRun(CompiledProject project, ModelCompiler compiler, SqlSession session, Dialect dialect, boolean fullRefresh,
            boolean reuse, String runVersion, Consumer<String> out, NodeListener listener) {
        this.project = project;
        this.compiler = compiler;
        this.builder = new ModelBuilder(session, dialect, fullRefresh);
        this.session = session;
        this.state = new BuildState(new ModelStateTable(session, dialect, project.project().profile().schema()),
                reuse && !fullRefresh, runVersion);
        this.versions = new InputVersions(project, session, state::outputVersion);
        this.out = out;
        this.listener = listener;
        this.unitTestSteps = new UnitTests(new UnitTestRun(project, compiler.jinja(), session, dialect), state);
        this.hooks = new ModelHookRunner(project, compiler.jinja(), session, GrantSql.of(dialect), fullRefresh, out);
        this.dialect = dialect;
        this.fullRefresh = fullRefresh;
        this.microbatches = new MicrobatchBuilder(session, dialect, compiler, fullRefresh, Optional.empty(), Optional.empty());
    }

    /** dbt's {@code --event-time-start/--event-time-end} for microbatch models (null for none); returns this run. */
    public BuildRun withEventTimes(String start, String end) {
        microbatches = new MicrobatchBuilder(session, dialect, compiler, fullRefresh,
                Optional.ofNullable(start).map(s -> MicrobatchConfig.instant(s, "--event-time-start")),
                Optional.ofNullable(end).map(e -> MicrobatchConfig.instant(e, "--event-time-end")));
        return this;
    }

    /** Runs the selected models (names) and the tests that read them; returns every node's result. */
    public List<NodeResult> run(List<ModelNode> models, List<TestNode> tests) {
        return run(models, tests, List.of());
    }

    /** Also runs unit tests, each just before the model it tests, as {@code dbt build} does. */
    public List<NodeResult> run(List<ModelNode> models, List<TestNode> tests, List<UnitTestNode> unitTests) {
        BuildPlan plan = BuildPlan.of(models, tests, unitTests);
        DbtLog log = new DbtLog(out, plan.size());
        Outcomes outcomes = new Outcomes(new HashSet<>(), new HashSet<>());
        List<NodeResult> results = new ArrayList<>();
        for (BuildNode node : plan.nodes()) {
            int index = results.size() + 1;
            listener.started(index, plan.size(), node.displayName());
            NodeResult result = node.accept(new BuildNode.Visitor<>() {
                @Override
                public NodeResult model(ModelNode model) {
                    return BuildRun.this.model(model, index, log, outcomes);
                }

                @Override
                public NodeResult test(TestNode test) {
                    return BuildRun.this.test(test, index, log, outcomes);
                }

                @Override
                public NodeResult unitTest(UnitTestNode unitTest) {
                    return BuildRun.this.unitTest(unitTest, index, log, outcomes);
                }
            });
            results.add(result);
            listener.finished(index, plan.size(), result);
        }
        state.flush();
        return results;
    }

    /** A failing or skipped unit test stops its model, as in dbt build. */
    private NodeResult unitTest(UnitTestNode unitTest, int index, DbtLog log, Outcomes outcomes) {
        NodeResult result = unitTestSteps.run(unitTest, index, log, outcomes.broken(), builtParents(project.models().get(unitTest.model())));
        if (result.failed() || result.status() == NodeStatus.SKIPPED) {
            outcomes.broke(unitTest.model());
        }
        return result;
    }

    /**
     * @param broken models that errored or were skipped: their tests are skipped
     * @param blocked broken models and models with a failing test: what reads them is skipped
     */
    private record Outcomes(Set<String> broken, Set<String> blocked) {
        void broke(String model) {
            broken.add(model);
            blocked.add(model);
        }
    }

    private NodeResult model(ModelNode model, int index, DbtLog log, Outcomes outcomes) {
        String relationName = model.seed() ? null : model.relation().toString(); // dbt names no relation in a seed's result
        String what = model.seed() ? "seed file " + model.relation() : model.snapshot() ? "snapshot " + model.relation()
                : "sql " + model.config().materialization().dbtName() + " model " + model.relation();
        Instant started = Instant.now();
        // a parent failed, or one of the model's unit tests
        if (outcomes.broken().contains(model.name()) || builtParents(model).stream().anyMatch(outcomes.blocked()::contains)) {
            outcomes.broke(model.name());
            log.done(index, "SKIP relation " + model.relation(), "SKIP");
            return new NodeResult(model.uniqueId(), model.resourceType(), model.name(), NodeStatus.SKIPPED, null, -1, null, started, Instant.now(),
                    null, relationName);
        }
        String[] sql = new String[1];
        try {
            // before the build: a batch committing from here on is newer than what is recorded, so
            // the next run builds the model again even when this build already took the batch in
            Map<String, String> inputs = versions.of(model.refs(), model.sources());
            log.start(index, what);
            Map<Boolean, String> compiled = new HashMap<>();
            Function<Boolean, String> compile = incremental -> sql[0] = compiled.computeIfAbsent(incremental,
                    i -> compiler.compile(model, i));
            String checksum = checksum(model, compile);
            Optional<MicrobatchConfig> microbatch = model.config().materialization() == Materialization.INCREMENTAL
                    ? MicrobatchConfig.of(model.config(), model.path()) : Optional.empty();
            // a microbatch model's batches depend on the clock and the backfill flags, not only on its inputs
            if (microbatch.isEmpty() && state.reusable(model.uniqueId(), checksum, inputs)
                    && session.relationType(model.relation()).isPresent()) {
                Instant done = Instant.now();
                log.done(index, "OK reused " + what + " (no new input)", "REUSED in " + DbtLog.seconds(seconds(started, done)));
                return new NodeResult(model.uniqueId(), model.resourceType(), model.name(), NodeStatus.SUCCESS, NodeResult.REUSED, -1, null,
                        started, done, null, relationName);
            }
            state.building(model.uniqueId());
            ModelBuilder.BuildOutcome outcome = hooks.around(model, () -> microbatch.isPresent()
                    ? microbatches.build(model, microbatch.get(), line -> log.line("  " + line))
                    : builder.build(model, compile));
            state.built(model.uniqueId(), checksum, inputs, outcome.rowsChanged());
            Instant done = Instant.now();
            String counted = outcome.rowsAffected() >= 0 ? "OK " + outcome.rowsAffected() : "OK";
            if (outcome.batches() != null) { // as dbt: "OK created sql microbatch model ... [SUCCESS]", or PARTIALLY created
                log.done(index, (outcome.batches().failed().isEmpty() ? "OK created " : "PARTIALLY created ")
                        + what.replace("sql incremental model", "sql microbatch model"), outcome.message() + " in " + DbtLog.seconds(seconds(started, done)));
            } else {
                log.done(index, (model.seed() ? "OK loaded " : model.snapshot() ? "OK snapshotted " : "OK created ") + what, (model.seed() ? outcome.message() : counted)
                        + " in " + DbtLog.seconds(seconds(started, done)));
            }
            return new NodeResult(model.uniqueId(), model.resourceType(), model.name(),
                    outcome.batches() == null ? NodeStatus.SUCCESS : outcome.batches().status(), outcome.message(), outcome.rowsAffected(),
                    null, started, done, model.seed() ? null : sql[0], relationName, outcome.batches());
        } catch (PlaystreamException e) {
            abortIfRetriable(e);
            outcomes.broke(model.name());
            Instant done = Instant.now();
            log.done(index, (model.seed() ? "ERROR loading " : "ERROR creating ") + what, "ERROR in " + DbtLog.seconds(seconds(started, done)));
            String message = (e instanceof SqlSession.SqlFailure ? "Database Error" : "Compilation Error")
                    + " in " + model.resourceType() + " " + model.name() + " (" + model.path() + ")\n  " + e.getMessage();
            log.line("  " + message.replace("\n", "\n  "));
            return new NodeResult(model.uniqueId(), model.resourceType(), model.name(), NodeStatus.ERROR, message, -1, null, started, done,
                    model.seed() ? null : sql[0], relationName);
        }
    }

    /**
     * The model's code as built: its SQL compiled both ways when incremental (an edit to either
     * branch counts) and its config.
     */
    private static String checksum(ModelNode model, Function<Boolean, String> compile) {
        List<Object> parts = new ArrayList<>(List.of(model.config().values(), compile.apply(false)));
        if (model.config().materialization() == Materialization.INCREMENTAL) {
            parts.add(compile.apply(true));
        }
        return BuildState.checksum(parts);
    }

    /** The models a model reads, looking through ephemeral models (which are not built themselves). */
    private Set<String> builtParents(ModelNode model) {
        Set<String> parents = new HashSet<>();
        for (String ref : model.refs()) {
            ModelNode parent = project.models().get(ref);
            if (parent.ephemeral()) {
                parents.addAll(builtParents(parent));
            } else {
                parents.add(ref);
            }
        }
        return parents;
    }

    private NodeResult test(TestNode test, int index, DbtLog log, Outcomes outcomes) {
        Set<String> blocked = outcomes.blocked();
        Instant started = Instant.now();
        if (test.dependsOn().stream().anyMatch(outcomes.broken()::contains)) {
            log.done(index, "SKIP test " + test.name(), "SKIP");
            return new NodeResult(test.uniqueId(), "test", test.name(), NodeStatus.SKIPPED, null, -1, null, started, Instant.now(), null, null);
        }
        log.start(index, "test " + test.name());
        try {
            Map<String, String> inputs = versions.of(test.dependsOn(), test.sources());
            String checksum = BuildState.checksum(List.of(test.sql(), test.severity()));
            if (state.reusable(test.uniqueId(), checksum, inputs)) {
                Instant done = Instant.now();
                log.done(index, "OK reused test " + test.name() + " (no new input)", "REUSED in " + DbtLog.seconds(seconds(started, done)));
                return new NodeResult(test.uniqueId(), "test", test.name(), NodeStatus.PASS, NodeResult.REUSED, -1, 0L, started, done, null, null);
            }
            long failures = session.queryLong("select count(*) as failures from (\n" + test.sql() + "\n) dbt_internal_test");
            Instant done = Instant.now();
            String took = " in " + DbtLog.seconds(seconds(started, done));
            if (failures == 0) {
                state.passed(test.uniqueId(), checksum, inputs);
                log.done(index, "PASS " + test.name(), "PASS" + took);
                return new NodeResult(test.uniqueId(), "test", test.name(), NodeStatus.PASS, null, -1, 0L, started, done, test.sql(), null);
            }
            String message = "Got " + failures + " result" + (failures == 1 ? "" : "s") + ", configured to "
                    + (test.severity() == TestNode.Severity.WARN ? "warn" : "fail") + " if != 0";
            if (test.severity() == TestNode.Severity.WARN) {
                log.done(index, "WARN " + failures + " " + test.name(), "WARN " + failures + took);
                return new NodeResult(test.uniqueId(), "test", test.name(), NodeStatus.WARN, message, -1, failures, started, done, test.sql(), null);
            }
            blockAfterFailure(test, blocked);
            log.done(index, "FAIL " + failures + " " + test.name(), "FAIL " + failures + took);
            return new NodeResult(test.uniqueId(), "test", test.name(), NodeStatus.FAIL, message, -1, failures, started, done, test.sql(), null);
        } catch (PlaystreamException e) {
            abortIfRetriable(e);
            blockAfterFailure(test, blocked);
            Instant done = Instant.now();
            log.done(index, "ERROR " + test.name(), "ERROR in " + DbtLog.seconds(seconds(started, done)));
            String message = "Database Error in test " + test.name() + " (" + test.file() + ")\n  " + e.getMessage();
            log.line("  " + message.replace("\n", "\n  "));
            return new NodeResult(test.uniqueId(), "test", test.name(), NodeStatus.ERROR, message, -1, null, started, done, test.sql(), null);
        }
    }

    /**
     * A retriable failure (the warehouse connection was lost) ends the whole run at once: every node
     * after it would fail on the same dead connection, and reporting them as model errors would make
     * a passing fault look like broken SQL, which the job boundary does not retry.
     */
    private static void abortIfRetriable(PlaystreamException e) {
        if (e.isRetriable()) {
            throw e;
        }
    }

    /** As in dbt build: what reads a model whose test failed is skipped. */
    private static void blockAfterFailure(TestNode test, Set<String> blocked) {
        if (test.attachedModel() != null) {
            blocked.add(test.attachedModel());
        } else {
            blocked.addAll(test.dependsOn());
        }
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}
