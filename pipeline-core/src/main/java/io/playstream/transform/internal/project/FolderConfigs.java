package io.playstream.transform.internal.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code models:} block of dbt_project.yml: configs keyed by project then folder, where
 * {@code +key} (or a key whose value is not a mapping) is a config and any other key a sub-folder.
 * Deeper folders override shallower ones, as in dbt.
 */
public final class FolderConfigs {

    private final String projectName;
    private final Map<String, Object> tree;

    public FolderConfigs(String projectName, Map<String, Object> modelsBlock) {
        this.projectName = projectName;
        this.tree = modelsBlock;
    }

    /** The config for a model whose path below the model folder is {@code folders} (no file name). */
    public Map<String, Object> configFor(List<String> folders) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Object> level = YamlFiles.asMap(tree.get(projectName), "dbt_project.yml models." + projectName);
        collect(level, merged);
        for (String folder : folders) {
            Object sub = level.get(folder);
            if (!(sub instanceof Map<?, ?>)) {
                break;
            }
            level = YamlFiles.asMap(sub, "dbt_project.yml models." + folder);
            collect(level, merged);
        }
        return merged;
    }

    private static void collect(Map<String, Object> level, Map<String, Object> into) {
        level.forEach((key, value) -> {
            if (key.startsWith("+")) {
                put(into, key.substring(1), value);
            } else if (!(value instanceof Map<?, ?>)) {
                put(into, key, value);
            }
        });
    }

    /** A deeper level's config replaces a shallower one's, except hooks, which add up (the shallower first), as in dbt. */
    private static void put(Map<String, Object> into, String key, Object value) {
        String hookKey = key.replace('_', '-');
        if ((hookKey.equals(ModelHooks.PRE) || hookKey.equals(ModelHooks.POST)) && into.containsKey(hookKey)) {
            java.util.List<Object> hooks = new java.util.ArrayList<>(YamlFiles.asList(into.get(hookKey)));
            hooks.addAll(YamlFiles.asList(value));
            into.put(hookKey, hooks);
        } else {
            into.put(key.equals("pre_hook") || key.equals("post_hook") ? hookKey : key, value);
        }
    }
}
