package io.playstream.transform.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The nodes of a manifest (models, tests, sources, exposures) and the edges of its parent map:
 * what dbt selects from, read from the manifest so that selection, {@code ls} and the lineage see
 * the same nodes dbt tools do.
 */
public final class ManifestGraph {

    private static final List<String> NODE_KINDS = List.of("nodes", "sources", "exposures", "unit_tests");

    private final JsonNode manifest;
    private final Map<String, JsonNode> nodes = new TreeMap<>();
    private final Map<String, List<String>> parents = new TreeMap<>();
    private final Map<String, List<String>> children = new TreeMap<>();

    public ManifestGraph(JsonNode manifest) {
        this.manifest = manifest;
        for (String kind : NODE_KINDS) {
            manifest.path(kind).fields().forEachRemaining(e -> nodes.put(e.getKey(), e.getValue()));
        }
        for (String id : nodes.keySet()) {
            parents.put(id, ids(manifest.path("parent_map").path(id)));
            children.put(id, ids(manifest.path("child_map").path(id)));
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    public JsonNode manifest() {
        return manifest;
    }

    /** Every node's unique id, sorted (dbt's {@code ls} order). */
    public Set<String> ids() {
        return nodes.keySet();
    }

    public JsonNode node(String id) {
        return nodes.get(id);
    }

    public String resourceType(String id) {
        return nodes.get(id).path("resource_type").asText();
    }

    public List<String> parentsOf(String id) {
        return parents.getOrDefault(id, List.of());
    }

    public List<String> childrenOf(String id) {
        return children.getOrDefault(id, List.of());
    }

    /** The ancestors of {@code selected} up to {@code depth} generations (all with null), without {@code selected} itself unless reached. */
    public Set<String> parents(Collection<String> selected, Integer depth) {
        return walk(selected, depth, parents);
    }

    /** The descendants of {@code selected} up to {@code depth} generations (all with null). */
    public Set<String> children(Collection<String> selected, Integer depth) {
        return walk(selected, depth, children);
    }

    /** dbt's {@code @}: the nodes, their descendants, and every ancestor of those. */
    Set<String> childrensParents(Collection<String> selected) {
        Set<String> forAncestors = new LinkedHashSet<>(children(selected, null));
        forAncestors.addAll(selected);
        Set<String> all = new LinkedHashSet<>(parents(forAncestors, null));
        all.addAll(forAncestors);
        return all;
    }

    /** As dbt's graph walks: layer by layer, a node counted once. */
    private static Set<String> walk(Collection<String> start, Integer depth, Map<String, List<String>> edges) {
        Set<String> found = new LinkedHashSet<>();
        Set<String> layer = new LinkedHashSet<>(start);
        int generation = 0;
        while (!layer.isEmpty() && (depth == null || generation < depth)) {
            Set<String> next = new LinkedHashSet<>();
            for (String id : layer) {
                for (String neighbour : edges.getOrDefault(id, List.of())) {
                    if (!found.contains(neighbour)) {
                        next.add(neighbour);
                    }
                }
            }
            found.addAll(next);
            layer = next;
            generation++;
        }
        return found;
    }
}
