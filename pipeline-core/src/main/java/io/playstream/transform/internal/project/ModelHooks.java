package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's {@code pre-hook} and {@code post-hook} config, in the shape dbt's manifest gives it:
 * each hook {@code {sql, transaction, index}}, whether it was written as a string, a list of
 * strings or {@code {sql:, transaction:}} mappings, and under {@code pre_hook} (a {@code config()}
 * argument) or {@code pre-hook} (YAML, dbt_project.yml's {@code +pre-hook}). Hooks from each level
 * add up, the more general first, as in dbt: a folder's post-hook runs before the model's own.
 *
 * @param pre the SQL templates run before the model is built, in order
 * @param post the SQL templates run after it
 */
public record ModelHooks(List<Hook> pre, List<Hook> post) {

    public static final String PRE = "pre-hook";
    public static final String POST = "post-hook";

    /**
     * One hook: its unrendered SQL and whether dbt runs it inside the model's transaction
     * ({@code transaction: false} hooks run before the other pre-hooks and after the other post-hooks).
     */
    public record Hook(String sql, boolean transaction) {
    }

    public static ModelHooks of(NodeConfig config, String file) {
        return new ModelHooks(hooks(config.values().get(PRE), file), hooks(config.values().get(POST), file));
    }

    /** The pre-hooks in the order dbt runs them: those outside the transaction first. */
    public List<Hook> preInOrder() {
        List<Hook> ordered = new ArrayList<>(pre.stream().filter(h -> !h.transaction()).toList());
        ordered.addAll(pre.stream().filter(Hook::transaction).toList());
        return ordered;
    }

    /** The post-hooks in the order dbt runs them: those outside the transaction last. */
    public List<Hook> postInOrder() {
        List<Hook> ordered = new ArrayList<>(post.stream().filter(Hook::transaction).toList());
        ordered.addAll(post.stream().filter(h -> !h.transaction()).toList());
        return ordered;
    }

    private static List<Hook> hooks(Object value, String file) {
        List<Hook> hooks = new ArrayList<>();
        for (Object entry : YamlFiles.asList(value)) {
            Map<String, Object> hook = asHook(entry, file);
            hooks.add(new Hook(String.valueOf(hook.get("sql")), !Boolean.FALSE.equals(hook.get("transaction"))));
        }
        return hooks;
    }

    /** The config with its hook keys spelt and shaped as dbt's manifest has them. */
    static Map<String, Object> normalized(Map<String, Object> config) {
        if (!config.containsKey("pre_hook") && !config.containsKey("post_hook") && !config.containsKey(PRE)
                && !config.containsKey(POST)) {
            return config;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            String name = key.replace('_', '-');
            if (name.equals(PRE) || name.equals(POST)) {
                List<Object> hooks = new ArrayList<>(YamlFiles.asList(copy.get(name)));
                YamlFiles.asList(value).forEach(h -> hooks.add(asHook(h, "config " + key)));
                copy.put(name, hooks);
            } else {
                copy.put(key, value);
            }
        });
        return copy;
    }

    /** Hooks add up: a more specific level's hooks run after the more general level's. */
    static void addUp(Map<String, Object> general, Map<String, Object> specific, Map<String, Object> merged) {
        for (String key : List.of(PRE, POST)) {
            if (general.containsKey(key) && specific.containsKey(key)) {
                List<Object> hooks = new ArrayList<>(YamlFiles.asList(general.get(key)));
                hooks.addAll(YamlFiles.asList(specific.get(key)));
                merged.put(key, hooks);
            }
        }
    }

    private static Map<String, Object> asHook(Object entry, String file) {
        Map<String, Object> hook = new LinkedHashMap<>();
        if (entry instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!List.of("sql", "transaction", "index").contains(String.valueOf(key))) {
                    throw PlaystreamException.permanent(file + ": a hook has sql and transaction, not '" + key + "'");
                }
            }
            if (map.get("sql") == null) {
                throw PlaystreamException.permanent(file + ": a hook given as a mapping needs 'sql'");
            }
            hook.put("sql", String.valueOf(map.get("sql")));
            hook.put("transaction", !Boolean.FALSE.equals(map.get("transaction")) && !"false".equals(String.valueOf(map.get("transaction"))));
        } else {
            hook.put("sql", String.valueOf(entry));
            hook.put("transaction", true);
        }
        hook.put("index", null);
        return hook;
    }
}
