package io.playstream.transform.internal.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.playstream.PlaystreamException;
import io.playstream.transform.internal.project.DbtProject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * dbt's Jinja on Jinjava: the project's macros loaded once, dbt's functions registered, and one
 * render per file with its own {@link RenderScope}. Unknown variables and functions fail the
 * render, naming the file.
 */
public final class DbtJinja {

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final Context macros;
    private final JinjaSettings settings;

    public DbtJinja(JinjaSettings settings, Map<String, Object> target) {
        this.settings = settings;
        this.config = JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build();
        this.jinjava = new Jinjava(config);
        Context global = jinjava.getGlobalContext();
        register(global, "ref", "ref");
        register(global, "source", "source");
        register(global, "config", "config");
        global.registerFunction(new ELFunctionDefinition("", "is_incremental", DbtFunctions.class, "isIncremental"));
        register(global, "var", "var");
        register(global, "env_var", "envVar");
        register(global, "log", "log");
        register(global, "__ps_dispatch", "dispatch");
        global.registerFunction(new ELFunctionDefinition("", "return", DbtFunctions.class, "returnValue", Object.class));
        global.registerFunction(new ELFunctionDefinition("", "run_query", QueryFunctions.class, "runQuery", Object.class));
        global.registerFunction(new ELFunctionDefinition("", "load_result", QueryFunctions.class, "loadResult", Object.class));
        global.registerFunction(new ELFunctionDefinition("", "__ps_statement", QueryFunctions.class, "statement", Object.class,
                Object.class, Object.class));
        this.macros = new Context(global);
        macros.put(DbtFunctions.SETTINGS, settings);
        macros.put("target", target);
        macros.put("dbt_utils", new DbtUtilsMacros());
        macros.put("exceptions", new Exceptions());
        macros.put("run_started_at", Instant.now().toString());
        macros.put("invocation_id", UUID.randomUUID().toString());
        render(macros, "(dbt's statement macro)", QueryFunctions.STATEMENT_MACRO,
                new RenderScope("(dbt's statement macro)", RenderScopes.NO_RELATIONS, false, null));
    }

    private static void register(Context global, String name, String method) {
        global.registerFunction(new ELFunctionDefinition("", name, DbtFunctions.class, method, Object[].class));
    }

    /** Defines the {@code {% macro %}}s of the project's macro files for every later render. */
    public void loadMacros(Iterable<DbtProject.SqlFile> files) {
        for (DbtProject.SqlFile file : files) {
            RenderScope scope = new RenderScope(file.path(), RenderScopes.NO_RELATIONS, false, null);
            render(macros, file.path(), file.text(), scope);
        }
    }

    /** Whether the project defines a macro of that name (e.g. its own {@code generate_schema_name}). */
    public boolean hasMacro(String name) {
        return macros.getGlobalMacro(name) != null;
    }

    /** Renders text that may use only run-wide functions ({@code env_var}, {@code var}, {@code target}). */
    public String renderPlain(String file, String template) {
        return render(new Context(macros), file, template, new RenderScope(file, RenderScopes.NO_RELATIONS, false, null));
    }

    /** Renders one file's Jinja into SQL. */
    public String render(String file, String template, RenderScope scope) {
        return render(new Context(macros), file, template, scope);
    }

    /** Renders with extra variables (e.g. a macro's arguments). */
    public String render(String file, String template, RenderScope scope, Map<String, Object> variables) {
        Context context = new Context(macros);
        variables.forEach(context::put);
        return render(context, file, template, scope);
    }

    /**
     * Renders Jinja that may run queries (a hook, an operation): {@code execute} is true and
     * {@code run_query}, {@code statement} and {@code load_result} run on {@code queries}.
     */
    public String renderExecuting(String file, String template, RenderScope scope, QueryRunner queries,
            Map<String, Object> variables) {
        Context context = new Context(macros);
        variables.forEach(context::put);
        context.put("execute", true);
        context.put(QueryFunctions.RUNNER, queries);
        context.put(QueryFunctions.RESULTS, new java.util.HashMap<String, Object>());
        return render(context, file, template, scope);
    }

    /**
     * Renders with a unit test's overrides: its vars and env vars laid over the run's, and each
     * overridden macro (one of the project's) answering its value instead of running.
     */
    public String renderOverridden(String file, String template, RenderScope scope, Map<String, Object> vars,
            Map<String, String> env, Map<String, Object> macroValues) {
        Context context = new Context(macros);
        Map<String, Object> allVars = new java.util.LinkedHashMap<>(settings.vars());
        allVars.putAll(vars);
        Map<String, String> allEnv = new java.util.HashMap<>(settings.env());
        allEnv.putAll(env);
        context.put(DbtFunctions.SETTINGS, new JinjaSettings(settings.adapterType(), allVars, allEnv, settings.packages()));
        // on one line: the template's line numbers in errors stay the file's
        StringBuilder constants = new StringBuilder();
        macroValues.forEach((name, value) -> constants.append("{% macro ").append(name).append("() %}")
                .append(value instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(value)).append("{% endmacro %}"));
        return render(context, file, constants + template, scope);
    }

    private String render(Context context, String file, String template, RenderScope scope) {
        context.put(DbtFunctions.SCOPE, scope);
        if (scope.self() != null) {
            context.put("this", scope.self());
        }
        String prepared = TemplateCheck.prepare(file, template, settings.packages());
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config);
        JinjavaInterpreter.pushCurrent(interpreter);
        String output;
        try {
            output = interpreter.render(prepared);
        } catch (PlaystreamException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(scope, file, e.getMessage(), e);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        String errors = interpreter.getErrors().stream()
                .filter(e -> e.getSeverity() == com.hubspot.jinjava.interpret.TemplateError.ErrorType.FATAL)
                .map(DbtJinja::describe)
                .collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            throw failure(scope, file, errors, null);
        }
        return output;
    }

    private static PlaystreamException failure(RenderScope scope, String file, String message, Throwable cause) {
        if (scope.failure() instanceof PlaystreamException p) {
            return p;
        }
        return PlaystreamException.permanent(file + ": unsupported or invalid Jinja: " + message, cause);
    }

    private static String describe(TemplateError error) {
        return error.getMessage() + " (line " + error.getLineno() + (error.getFieldName() == null ? "" : ", '" + error.getFieldName() + "'") + ")";
    }

    /** dbt's {@code exceptions} namespace: only {@code raise_compiler_error}. */
    public static final class Exceptions {
        public String raise_compiler_error(Object message) {
            return DbtFunctions.raiseCompilerError(message);
        }
    }
}
