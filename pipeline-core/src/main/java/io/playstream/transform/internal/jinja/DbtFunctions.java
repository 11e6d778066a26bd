package io.playstream.transform.internal.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import io.playstream.PlaystreamException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dbt's Jinja functions, as static methods Jinjava calls (keyword arguments arrive as
 * {@link NamedParameter}). Each finds the file being rendered in the interpreter's context.
 */
public final class DbtFunctions {

    private static final Logger LOG = LoggerFactory.getLogger(DbtFunctions.class);
    static final String SCOPE = "__playstream_scope";
    static final String SETTINGS = "__playstream_settings";

    private DbtFunctions() {
    }

    public static Object ref(Object... args) {
        RenderScope scope = scope();
        return guarded(scope, () -> {
            List<Object> positional = positional(args, "ref");
            if (positional.isEmpty() || positional.size() > 2) {
                throw PlaystreamException.permanent(scope.file() + ": ref() takes a model name (and optionally a package)");
            }
            String model = String.valueOf(positional.get(positional.size() - 1));
            scope.addRef(model);
            return scope.resolver().ref(model);
        });
    }

    public static Object source(Object... args) {
        RenderScope scope = scope();
        return guarded(scope, () -> {
            List<Object> positional = positional(args, "source");
            if (positional.size() != 2) {
                throw PlaystreamException.permanent(scope.file() + ": source() takes a source name and a table name");
            }
            String source = String.valueOf(positional.get(0));
            String table = String.valueOf(positional.get(1));
            scope.addSource(source, table);
            return scope.resolver().source(source, table);
        });
    }

    public static String config(Object... args) {
        RenderScope scope = scope();
        return guarded(scope, () -> {
            for (Object arg : args) {
                if (arg instanceof NamedParameter named) {
                    scope.addConfig(named.getName(), named.getValue());
                } else if (arg instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> scope.addConfig(String.valueOf(k), v));
                } else {
                    throw PlaystreamException.permanent(scope.file() + ": config() takes keyword arguments, found " + arg);
                }
            }
            return "";
        });
    }

    public static boolean isIncremental() {
        return scope().incremental();
    }

    public static Object var(Object... args) {
        RenderScope scope = scope();
        return guarded(scope, () -> {
            List<Object> positional = positional(args, "var");
            String name = String.valueOf(positional.get(0));
            Map<String, Object> vars = settings().vars();
            if (vars.containsKey(name)) {
                return vars.get(name);
            }
            if (positional.size() > 1) {
                return positional.get(1);
            }
            throw PlaystreamException.permanent(scope.file() + ": Required var '" + name + "' not found in config");
        });
    }

    public static Object envVar(Object... args) {
        RenderScope scope = scope();
        return guarded(scope, () -> {
            List<Object> positional = positional(args, "env_var");
            String name = String.valueOf(positional.get(0));
            String value = settings().env().get(name);
            if (value != null) {
                return value;
            }
            if (positional.size() > 1) {
                return positional.get(1);
            }
            throw PlaystreamException.permanent(scope.file() + ": Env var required but not provided: '" + name + "'");
        });
    }

    public static String log(Object... args) {
        Object message = args.length == 0 ? "" : args[0];
        LOG.info("dbt log(file={}): {}", scope().file(), message);
        QueryRunner runner = QueryFunctions.current();
        boolean info = java.util.Arrays.stream(args).anyMatch(a -> a instanceof NamedParameter n && n.getName().equals("info")
                && Boolean.TRUE.equals(n.getValue())) || args.length > 1 && Boolean.TRUE.equals(args[1]);
        if (runner != null && info) {
            runner.log(String.valueOf(message)); // dbt prints log(..., info=True) on the console
        }
        return "";
    }

    /** dbt's {@code return()}: a macro's value. Jinjava macros return text, so the value is rendered. */
    public static Object returnValue(Object value) {
        return value;
    }

    public static String raiseCompilerError(Object message) {
        RenderScope scope = scope();
        return guarded(scope, () -> {
            throw PlaystreamException.permanent(scope.file() + ": Compilation Error: " + message);
        });
    }

    /** {@code adapter.dispatch('name', ...)(args)}, rewritten by {@link TemplateCheck} into one call. */
    public static Object dispatch(Object... args) {
        RenderScope scope = scope();
        return guarded(scope, () -> {
            String name = String.valueOf(args[0]);
            String adapter = settings().adapterType();
            JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
            for (String candidate : List.of(adapter + "__" + name, "default__" + name)) {
                MacroFunction macro = interpreter.getContext().getGlobalMacro(candidate);
                if (macro != null) {
                    return macro.evaluate(Arrays.copyOfRange(args, 1, args.length));
                }
            }
            throw PlaystreamException.permanent(scope.file() + ": adapter.dispatch('" + name + "') found neither macro "
                    + adapter + "__" + name + " nor default__" + name);
        });
    }

    private static List<Object> positional(Object[] args, String function) {
        List<Object> positional = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof NamedParameter named) {
                if (!List.of("default", "version", "v", "package").contains(named.getName())) {
                    throw PlaystreamException.permanent(function + "() has no argument '" + named.getName() + "'");
                }
                positional.add(named.getValue());
            } else {
                positional.add(arg);
            }
        }
        return positional;
    }

    private static <T> T guarded(RenderScope scope, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            scope.fail(e);
            throw e;
        }
    }

    static RenderScope scope() {
        Object scope = JinjavaInterpreter.getCurrent().getContext().get(SCOPE);
        if (!(scope instanceof RenderScope s)) {
            throw new IllegalStateException("dbt function called outside a runner rendering");
        }
        return s;
    }

    private static JinjaSettings settings() {
        return (JinjaSettings) JinjavaInterpreter.getCurrent().getContext().get(SETTINGS);
    }
}
