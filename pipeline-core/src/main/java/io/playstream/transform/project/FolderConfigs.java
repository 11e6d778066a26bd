package io.playstream.transform.project;

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
                into.put(key.substring(1), value);
            } else if (!(value instanceof Map<?, ?>)) {
                into.put(key, value);
            }
        });
    }
}
