package io.playstream.transform.internal.graph;

import io.playstream.PlaystreamException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Models and the models each selects from: a build order, or the cycle that prevents one. */
public final class DependencyGraph {

    private final Map<String, List<String>> parents;

    /** @param parents each model with the models it refs (names sorted for a stable order) */
    public DependencyGraph(Map<String, List<String>> parents) {
        this.parents = new TreeMap<>(parents);
        parents.forEach((node, ps) -> ps.forEach(p -> {
            if (!parents.containsKey(p)) {
                throw PlaystreamException.permanent("model '" + node + "' refs '" + p + "', which is not a model of the project");
            }
        }));
    }

    /** Every model after the models it refs; a cycle is an error naming it. */
    public List<String> order() {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String node : parents.keySet()) {
            visit(node, done, new LinkedHashSet<>(), order);
        }
        return order;
    }

    private void visit(String node, Set<String> done, LinkedHashSet<String> path, List<String> order) {
        if (done.contains(node)) {
            return;
        }
        if (!path.add(node)) {
            List<String> cycle = new ArrayList<>(path);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(node), cycle.size()));
            cycle.add(node);
            throw PlaystreamException.permanent("Found a cycle: " + String.join(" --> ", cycle));
        }
        for (String parent : parents.get(node)) {
            visit(parent, done, path, order);
        }
        path.remove(node);
        done.add(node);
        order.add(node);
    }

    public List<String> parentsOf(String node) {
        return parents.getOrDefault(node, List.of());
    }
}
