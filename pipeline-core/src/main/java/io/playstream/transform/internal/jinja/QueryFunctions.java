package io.playstream.transform.internal.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.playstream.PlaystreamException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dbt's Jinja that runs queries: {@code run_query(sql)}, the {@code statement} block (with
 * {@code fetch_result}) and {@code load_result(name)}. They need a {@link QueryRunner} in the
 * render; elsewhere (a model, a test) they are refused with the file named, where dbt would run
 * them at build time but not at parse time.
 */
public final class QueryFunctions {

    static final String RUNNER = "__playstream_queries";
    static final String RESULTS = "__playstream_statement_results";
    /**
     * dbt's {@code statement} macro as the runner defines it: its body is rendered by
     * {@code caller()} and handed to {@code __ps_statement}.
     */
    static final String STATEMENT_MACRO = "{% macro statement(name='', fetch_result=false, auto_begin=true, language='sql') -%}"
            + "{%- set __ps_done = __ps_statement(name, fetch_result, caller()) -%}{%- endmacro %}";

    private QueryFunctions() {
    }

    public static Object runQuery(Object sql) {
        return runner("run_query").run(String.valueOf(sql));
    }

    public static String statement(Object name, Object fetchResult, Object body) {
        QueryTable table = runner("statement").run(String.valueOf(body));
        if (name != null && !String.valueOf(name).isEmpty()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("response", table.response());
            boolean fetch = Boolean.TRUE.equals(fetchResult);
            result.put("data", fetch ? table.getRows() : java.util.List.of());
            result.put("table", fetch ? table : new QueryTable(table.getColumn_names(), java.util.List.of(), table.response()));
            results().put(String.valueOf(name), result);
        }
        return "";
    }

    public static Object loadResult(Object name) {
        return results().get(String.valueOf(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> results() {
        var context = JinjavaInterpreter.getCurrent().getContext();
        // the results live in the render's top context, so a statement inside a macro is seen by its caller
        Object found = context.get(RESULTS);
        if (found instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> created = new HashMap<>();
        context.put(RESULTS, created);
        return created;
    }

    private static QueryRunner runner(String function) {
        RenderScope scope = DbtFunctions.scope();
        Object runner = JinjavaInterpreter.getCurrent().getContext().get(RUNNER);
        if (runner instanceof QueryRunner r) {
            return r;
        }
        PlaystreamException refused = PlaystreamException.permanent(scope.file() + ": " + function
                + " runs queries, which the runner supports in hooks and run-operation only, not in models or tests");
        scope.fail(refused);
        throw refused;
    }

    /** The runner of the current render, if it has one (for {@code log}). */
    static QueryRunner current() {
        Object runner = JinjavaInterpreter.getCurrent().getContext().get(RUNNER);
        return runner instanceof QueryRunner r ? r : null;
    }
}
