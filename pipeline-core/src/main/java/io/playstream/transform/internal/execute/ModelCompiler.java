package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.jinja.RenderScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a model for building: {@code ref}s resolve to relations, {@code is_incremental()} to
 * the given answer, and ephemeral models it reads (directly or not) are inlined as CTEs named
 * {@code __dbt__cte__<model>}, as dbt does. A render depends only on the parsed project (the
 * runner offers no Jinja that reads the warehouse), so each model's SQL is rendered once per
 * parse and kept for later runs of the same parse.
 */
public final class ModelCompiler {

    private static final Pattern LEADING_WITH = Pattern.compile("^(\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*)with\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final DbtJinja jinja;
    private final CompiledProject project;

    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    public ModelCompiler(DbtJinja jinja, CompiledProject project) {
        this.jinja = jinja;
        this.project = project;
    }

    /** The project's Jinja, which unit tests render their overridden models with. */
    DbtJinja jinja() {
        return jinja;
    }

    /** The model's SQL; a seed's CSV text (what its build loads, and what its checksum covers). */
    String compile(ModelNode model, boolean incremental) {
        String key = model.uniqueId() + (incremental ? " incremental" : " full");
        String sql = rendered.get(key);
        if (sql == null) {
            sql = renderWithCtes(model, incremental);
            rendered.put(key, sql);
        }
        return sql;
    }

    private String renderWithCtes(ModelNode model, boolean incremental) {
        if (model.seed()) {
            return model.file().file().text();
        }
        Map<String, String> ctes = new LinkedHashMap<>();
        String sql = render(model, incremental, ctes);
        return ctes.isEmpty() ? sql : inject(sql, ctes);
    }

    /**
     * A microbatch model's SQL for one batch: {@code model.batch} names its window and each input
     * whose config has an {@code event_time} reads only the batch's rows. Not kept: every batch differs.
     */
    String compileBatch(ModelNode model, boolean incremental, MicrobatchBatch batch) {
        Map<String, String> ctes = new LinkedHashMap<>();
        String sql = render(model, incremental, ctes, batch);
        return ctes.isEmpty() ? sql : inject(sql, ctes);
    }

    private String render(ModelNode model, boolean incremental, Map<String, String> ctes) {
        // outside a batch (the checksum, the compiled SQL of the manifest) a microbatch model renders its first batch
        MicrobatchBatch first = io.playstream.transform.internal.project.MicrobatchConfig.of(model.config(), model.path())
                .map(config -> new MicrobatchBatch(config.begin(), config.begin(), config.batchSize())).orElse(null);
        return render(model, incremental, ctes, first);
    }

    private String render(ModelNode model, boolean incremental, Map<String, String> ctes, MicrobatchBatch batch) {
        RenderScope.Resolver resolver = Resolvers.building(project.models(), project.sources(), model.path(), Set.of());
        RenderScope scope = new RenderScope(model.path(),
                batch == null ? resolver : MicrobatchInputs.filtering(resolver, project.models(), project.sources(), batch), incremental, model.relation());
        String sql = batch == null ? jinja.render(model.path(), model.file().file().text(), scope)
                : jinja.render(model.path(), model.file().file().text(), scope, Map.of("model", batch.modelVariable()));
        for (String ref : scope.refs()) {
            requireParsedRef(model, ref);
            ModelNode parent = project.models().get(ref);
            if (parent.ephemeral() && !ctes.containsKey(parent.relation().toString())) {
                String body = render(parent, false, ctes);
                ctes.put(parent.relation().toString(), body);
            }
        }
        return sql;
    }

    /**
     * dbt finds a model's refs by rendering it with {@code is_incremental()} false, and refuses at
     * compile time a ref it did not find then (one inside the incremental branch only): the graph
     * would not order that parent first. dbt says so on the first incremental run; the runner
     * renders both branches for a build's checksum, so it says so on the model's first build.
     */
    private static void requireParsedRef(ModelNode model, String ref) {
        if (!model.refs().contains(ref)) {
            throw PlaystreamException.permanent("dbt was unable to infer all dependencies for the model \"" + model.name() + "\".\n"
                    + "This typically happens when ref() is placed within a conditional block.\n\n"
                    + "To fix this, add the following hint to the top of the model \"" + model.name() + "\":\n\n"
                    + "-- depends_on: {{ ref('" + ref + "') }}");
        }
    }

    static String inject(String sql, Map<String, String> ctes) {
        StringBuilder prefix = new StringBuilder();
        ctes.forEach((name, body) -> prefix.append(prefix.length() == 0 ? "" : ",\n").append(name)
                .append(" as (\n").append(body.strip()).append("\n)"));
        Matcher with = LEADING_WITH.matcher(sql);
        if (with.find()) {
            return with.group(1) + "with " + prefix + ",\n" + sql.substring(with.end());
        }
        return "with " + prefix + "\n" + sql;
    }
}
