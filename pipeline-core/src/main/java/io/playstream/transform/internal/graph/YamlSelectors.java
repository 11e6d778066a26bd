package io.playstream.transform.internal.graph;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.project.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * dbt's YAML selectors: the project's {@code selectors.yml}, each selector a name, an optional
 * {@code description} and {@code default: true}, and a {@code definition} read as dbt reads it
 * (dbt/graph/cli.py): a CLI-style string (one criterion, graph operators allowed), a
 * {@code method: value} pair, a full dictionary ({@code method}, {@code value}, {@code parents},
 * {@code parents_depth}, {@code children}, {@code children_depth}, {@code childrens_parents},
 * {@code exclude}), {@code union} and {@code intersection} lists (an {@code exclude} item in
 * them is taken away from the rest), and {@code method: selector} naming a selector defined
 * above it. {@code --selector NAME} (or {@code selector:NAME} in {@code --select}, dbt 1.12's
 * method) selects with it; a selector with {@code default: true} is what a run without
 * {@code --select}/{@code --exclude} selects. Anything else in the file is refused, naming it.
 */
public final class YamlSelectors {

    public static final String FILE = "selectors.yml";
    private static final Set<String> SELECTOR_KEYS = Set.of("name", "description", "default", "definition");
    private static final Set<String> CRITERION_KEYS = Set.of("method", "value", "parents", "parents_depth", "children",
            "children_depth", "childrens_parents", "indirect_selection", "exclude");

    private static final YamlSelectors NONE = new YamlSelectors(Map.of(), null);

    /** Each selector's definition, in file order. */
    private final Map<String, Object> definitions;
    private final String defaultName;

    private YamlSelectors(Map<String, Object> definitions, String defaultName) {
        this.definitions = definitions;
        this.defaultName = defaultName;
    }

    /** The project's selectors.yml, none when the project has no such file. */
    public static YamlSelectors read(Path projectRoot) {
        Path file = projectRoot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Map<String, Object> yaml = YamlFiles.readMap(file);
        if (!yaml.keySet().equals(Set.of("selectors"))) {
            throw invalid("expected one key, selectors, found " + yaml.keySet());
        }
        Map<String, Object> definitions = new LinkedHashMap<>();
        String defaultName = null;
        for (Object entry : YamlFiles.asList(yaml.get("selectors"))) {
            Map<String, Object> selector = YamlFiles.asMap(entry, FILE + " selectors");
            if (!SELECTOR_KEYS.containsAll(selector.keySet()) || !selector.containsKey("name") || !selector.containsKey("definition")) {
                throw invalid("a selector needs name and definition (description and default may follow), found " + selector.keySet());
            }
            String name = String.valueOf(selector.get("name"));
            if (definitions.put(name, selector.get("definition")) != null) {
                throw invalid("the selector '" + name + "' is defined twice");
            }
            if (Boolean.TRUE.equals(selector.get("default"))) {
                if (defaultName != null) {
                    throw invalid("Found multiple selectors with `default: true`: " + defaultName + " and " + name);
                }
                defaultName = name;
            }
        }
        YamlSelectors selectors = new YamlSelectors(definitions, defaultName);
        definitions.forEach((name, definition) -> selectors.checkRoot(name, definition));
        return selectors;
    }

    /** No selectors: a project without selectors.yml. */
    public static YamlSelectors none() {
        return NONE;
    }

    /** The selector with {@code default: true}, if any. */
    public Optional<String> defaultName() {
        return Optional.ofNullable(defaultName);
    }

    /** A raw definition (a parsed YAML value: a string, a list or a map). */
    private void checkRoot(String name, Object definition) {
        if (definition instanceof Map<?, ?> map && (map.containsKey("union") || map.containsKey("intersection")) && map.size() > 1) {
            throw invalid("selector '" + name + "': Only a single 'union' or 'intersection' key is allowed in a root level selector"
                    + " definition; found " + map.keySet());
        }
    }

    /** The unique ids selector {@code name} picks, tests of the picked nodes included (eager). */
    Set<String> select(String name, NodeSelector selector) {
        return select(name, selector, new TreeSet<>());
    }

    private Set<String> select(String name, NodeSelector selector, Set<String> visiting) {
        if (!definitions.containsKey(name)) {
            throw PlaystreamException.permanent("Could not find selector named " + name + ", expected one of "
                    + new ArrayList<>(definitions.keySet()) + (definitions.isEmpty() ? " (the project has no " + FILE + ")" : ""));
        }
        if (!visiting.add(name)) {
            throw invalid("the selector '" + name + "' refers to itself");
        }
        Set<String> selected = evaluate(definitions.get(name), selector, name, visiting, true);
        visiting.remove(name);
        return selected;
    }

    private Set<String> evaluate(Object definition, NodeSelector selector, String name, Set<String> visiting, boolean mustMatch) {
        if (definition instanceof String text) {
            return selector.criterion(SelectionCriterion.parse(text), mustMatch);
        }
        if (!(definition instanceof Map<?, ?>)) {
            throw invalid("selector '" + name + "': expected to find union, intersection, str or dict, instead found " + definition);
        }
        Map<String, Object> map = YamlFiles.asMap(definition, FILE + " " + name);
        if (map.containsKey("union") || map.containsKey("intersection")) {
            boolean union = map.containsKey("union");
            Set<String> result = null;
            Set<String> excluded = null;
            for (Object part : YamlFiles.asList(map.get(union ? "union" : "intersection"))) {
                if (part instanceof Map<?, ?> m && m.containsKey("exclude")) {
                    if (excluded != null) {
                        throw invalid("selector '" + name + "': You cannot provide multiple exclude arguments to the same selector set operator");
                    }
                    excluded = exclusions(m.get("exclude"), selector, name, visiting);
                    continue;
                }
                Set<String> matched = evaluate(part, selector, name, visiting, mustMatch);
                if (result == null) {
                    result = new TreeSet<>(matched);
                } else if (union) {
                    result.addAll(matched);
                } else {
                    result.retainAll(matched);
                }
            }
            result = result == null ? new TreeSet<>() : result;
            if (excluded != null) {
                result.removeAll(excluded);
            }
            return result;
        }
        if (map.size() == 1) {
            Map.Entry<String, Object> pair = map.entrySet().iterator().next();
            return evaluate(Map.of("method", pair.getKey(), "value", pair.getValue()), selector, name, visiting, mustMatch);
        }
        if ("selector".equals(map.get("method"))) {
            String other = String.valueOf(map.get("value"));
            List<String> earlier = new ArrayList<>(definitions.keySet()).subList(0, new ArrayList<>(definitions.keySet()).indexOf(name));
            if (!earlier.contains(other)) {
                throw invalid("selector '" + name + "': Existing selector definition for " + other + " not found.");
            }
            return select(other, selector, visiting);
        }
        if (!map.containsKey("method") || !map.containsKey("value")) {
            throw invalid("selector '" + name + "': Expected either 1 key or else \"method\" and \"value\" keys, but got " + map.keySet());
        }
        if (!CRITERION_KEYS.containsAll(map.keySet())) {
            Set<String> unknown = new TreeSet<>(map.keySet());
            unknown.removeAll(CRITERION_KEYS);
            throw invalid("selector '" + name + "': unknown keys " + unknown + "; a criterion takes " + new TreeSet<>(CRITERION_KEYS));
        }
        Object indirect = map.getOrDefault("indirect_selection", "eager");
        if (!"eager".equals(indirect)) {
            throw invalid("selector '" + name + "': indirect_selection '" + indirect + "' is not supported; the runner selects tests eagerly");
        }
        Set<String> selected = selector.criterion(criterion(map, name), mustMatch);
        if (map.containsKey("exclude")) {
            selected = new TreeSet<>(selected);
            selected.removeAll(exclusions(map.get("exclude"), selector, name, visiting));
        }
        return selected;
    }

    /** An exclude list: the union of its definitions, which may match nothing. */
    private Set<String> exclusions(Object excludes, NodeSelector selector, String name, Set<String> visiting) {
        Set<String> excluded = new TreeSet<>();
        for (Object exclusion : YamlFiles.asList(excludes)) {
            excluded.addAll(evaluate(exclusion, selector, name, visiting, false));
        }
        return excluded;
    }

    private static SelectionCriterion criterion(Map<String, Object> map, String name) {
        String methodText = String.valueOf(map.get("method"));
        String value = String.valueOf(map.get("value"));
        String raw = methodText + ":" + value;
        String[] parts = methodText.split("\\.");
        SelectorMethod method = SelectorMethod.named(parts[0], raw);
        List<String> arguments = List.of(Arrays.copyOfRange(parts, 1, parts.length));
        boolean childrensParents = flag(map, "childrens_parents", name);
        boolean children = flag(map, "children", name);
        if (childrensParents && children) {
            throw SelectionCriterion.invalid(raw, "\"@\" prefix and \"+\" suffix are incompatible");
        }
        return new SelectionCriterion(raw, method, arguments, value, childrensParents, flag(map, "parents", name),
                depth(map, "parents_depth", name), children, depth(map, "children_depth", name));
    }

    private static boolean flag(Map<String, Object> map, String key, String name) {
        Object value = map.get(key);
        if (value != null && !(value instanceof Boolean)) {
            throw invalid("selector '" + name + "': " + key + " must be true or false, found " + value);
        }
        return Boolean.TRUE.equals(value);
    }

    private static Integer depth(Map<String, Object> map, String key, String name) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer depth) || depth < 0) {
            throw invalid("selector '" + name + "': " + key + " must be a whole number, found " + value);
        }
        return depth;
    }

    private static PlaystreamException invalid(String why) {
        return PlaystreamException.permanent(FILE + ": " + why);
    }
}
