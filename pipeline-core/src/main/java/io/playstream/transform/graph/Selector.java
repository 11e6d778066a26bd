package io.playstream.transform.graph;

import io.playstream.PlaystreamException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's node selection for models: space-separated terms, each a model name, {@code tag:x},
 * {@code path:models/gold} or {@code source:bronze[.table]} (models reading that source), with
 * {@code +} before (ancestors) and/or after (descendants).
 * Terms are united; an empty selector selects every model.
 */
public final class Selector {

    private static final Pattern TERM = Pattern.compile("(\\+?)([^+]+)(\\+?)");

    private final String expression;

    public Selector(String expression) {
        this.expression = expression == null ? "" : expression.trim();
    }

    public Set<String> select(Collection<ModelNode> models, DependencyGraph graph) {
        Set<String> selected = new LinkedHashSet<>();
        if (expression.isEmpty()) {
            models.forEach(m -> selected.add(m.name()));
            return selected;
        }
        for (String term : expression.split("\\s+")) {
            Matcher m = TERM.matcher(term);
            if (term.contains(",") || term.startsWith("@")) {
                throw new IllegalArgumentException("unsupported selector '" + term + "': intersections (a,b) and @ are not implemented");
            }
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid selector '" + term + "': expected [+]name[+], tag:NAME or path:DIR");
            }
            Set<String> base = matching(m.group(2), models);
            if (base.isEmpty()) {
                throw PlaystreamException.permanent("The selection criterion '" + term + "' does not match any enabled model");
            }
            for (String node : base) {
                selected.add(node);
                if (!m.group(1).isEmpty()) {
                    selected.addAll(graph.ancestors(node));
                }
                if (!m.group(3).isEmpty()) {
                    selected.addAll(graph.descendants(node));
                }
            }
        }
        return selected;
    }

    /**
     * The sources selected ({@code source.table}): named by a {@code source:} term, or read by a
     * model selected with its ancestors ({@code +name}). Their tests run, as in dbt.
     */
    public Set<String> selectSources(Collection<ModelNode> models, DependencyGraph graph) {
        Set<String> sources = new LinkedHashSet<>();
        java.util.Map<String, ModelNode> byName = new java.util.HashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        for (String term : terms()) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                continue;
            }
            String criterion = m.group(2);
            if (criterion.startsWith("source:")) {
                String source = criterion.substring(7);
                models.forEach(model -> model.sources().stream()
                        .filter(s -> s.equals(source) || s.startsWith(source + ".")).forEach(sources::add));
            } else if (!m.group(1).isEmpty()) {
                for (String node : matching(criterion, models)) {
                    graph.ancestors(node).forEach(a -> sources.addAll(byName.get(a).sources()));
                }
            }
        }
        return sources;
    }

    private static Set<String> matching(String criterion, Collection<ModelNode> models) {
        Set<String> names = new LinkedHashSet<>();
        for (ModelNode model : models) {
            if (matches(criterion, model)) {
                names.add(model.name());
            }
        }
        return names;
    }

    private static boolean matches(String criterion, ModelNode model) {
        if (criterion.startsWith("tag:")) {
            return model.config().tags().contains(criterion.substring(4));
        }
        if (criterion.startsWith("path:")) {
            String path = criterion.substring(5).replaceAll("/+$", "");
            return model.path().equals(path) || model.path().startsWith(path + "/");
        }
        if (criterion.startsWith("source:")) {
            String source = criterion.substring(7);
            return model.sources().stream().anyMatch(s -> s.equals(source) || s.startsWith(source + "."));
        }
        if (criterion.contains(":")) {
            throw new IllegalArgumentException("unsupported selector method '" + criterion
                    + "' (supported: model name, tag:, path:, source:, with + graph operators)");
        }
        return model.name().equals(criterion);
    }

    /** Shown in logs. */
    public List<String> terms() {
        return expression.isEmpty() ? List.of() : List.of(expression.split("\\s+"));
    }
}
