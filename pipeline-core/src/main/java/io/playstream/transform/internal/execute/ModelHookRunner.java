package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.jinja.RenderScope;
import io.playstream.transform.internal.project.Materialization;
import io.playstream.transform.internal.project.ModelHooks;
import io.playstream.warehouse.sql.RelationType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A model's build with what dbt's materializations run around it: the pre-hooks, the build, the
 * post-hooks inside the transaction, the grants, the post-hooks outside it. Each hook is rendered
 * when it runs, with {@code this} the model's relation and queries allowed ({@code run_query});
 * an empty hook is skipped. A failing hook fails the model. Unlike dbt on PostgreSQL, the runner
 * builds a model in its own transaction, so a failing post-hook leaves the built relation in place.
 */
final class ModelHookRunner {

    private final CompiledProject project;
    private final DbtJinja jinja;
    private final SqlSession session;
    private final SessionQueries queries;
    private final GrantApplier grants;
    private final boolean fullRefresh;

    ModelHookRunner(CompiledProject project, DbtJinja jinja, SqlSession session, GrantSql grantSql, boolean fullRefresh,
            Consumer<String> console) {
        this.project = project;
        this.jinja = jinja;
        this.session = session;
        this.queries = new SessionQueries(session, console);
        this.grants = new GrantApplier(session, grantSql, console);
        this.fullRefresh = fullRefresh;
    }

    ModelBuilder.BuildOutcome around(ModelNode model, Supplier<ModelBuilder.BuildOutcome> build) {
        ModelHooks hooks = ModelHooks.of(model.config(), model.path());
        boolean keptTable = keepsTable(model);
        run(model, hooks.preInOrder(), "pre-hook");
        ModelBuilder.BuildOutcome outcome = build.get();
        run(model, hooks.postInOrder().stream().filter(ModelHooks.Hook::transaction).toList(), "post-hook");
        grants.apply(model, keptTable);
        run(model, hooks.postInOrder().stream().filter(h -> !h.transaction()).toList(), "post-hook");
        return outcome;
    }

    /** Whether the build will change an existing table in place: an incremental run, not a first build or full refresh. */
    private boolean keepsTable(ModelNode model) {
        if (model.config().materialization() != Materialization.INCREMENTAL || model.config().values().get("grants") == null) {
            return false;
        }
        boolean refresh = fullRefresh && model.config().fullRefreshAllowed();
        Optional<RelationType> existing = session.relationType(model.relation());
        return !refresh && existing.isPresent() && existing.get() == RelationType.TABLE;
    }

    private void run(ModelNode model, List<ModelHooks.Hook> hooks, String kind) {
        for (ModelHooks.Hook hook : hooks) {
            String file = model.path() + " (" + kind + ")";
            RenderScope scope = new RenderScope(file, Resolvers.building(project.models(), project.sources(), file, Set.of()), false,
                    model.relation());
            String sql = jinja.renderExecuting(file, hook.sql(), scope, queries, Map.of());
            if (!sql.isBlank()) {
                session.execute(sql);
            }
        }
    }
}
