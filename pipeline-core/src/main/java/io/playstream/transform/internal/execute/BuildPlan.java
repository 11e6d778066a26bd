package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.graph.BuildNode;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.graph.UnitTestNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order {@code dbt build} runs the selected nodes in: models in graph order, each model's unit
 * tests just before it, each data test as soon as the models it reads are built.
 */
record BuildPlan(List<BuildNode> nodes) {

    BuildPlan {
        nodes = List.copyOf(nodes);
    }

    static BuildPlan of(List<ModelNode> models, List<TestNode> tests, List<UnitTestNode> unitTests) {
        List<BuildNode> plan = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<TestNode> waiting = new ArrayList<>(tests);
        // unit tests of models not built in this run (--select test_type:unit) go first: their inputs exist already
        Set<String> built = new HashSet<>();
        models.forEach(m -> built.add(m.name()));
        unitTests.stream().filter(u -> !built.contains(u.model())).forEach(plan::add);
        placeReady(waiting, placed, plan);
        for (ModelNode model : models) {
            unitTests.stream().filter(u -> u.model().equals(model.name())).forEach(plan::add);
            plan.add(model);
            placed.add(model.name());
            placeReady(waiting, placed, plan);
        }
        plan.addAll(waiting);
        return new BuildPlan(plan);
    }

    private static void placeReady(List<TestNode> waiting, Set<String> placed, List<BuildNode> plan) {
        for (var it = waiting.iterator(); it.hasNext();) {
            TestNode test = it.next();
            if (placed.containsAll(test.dependsOn())) {
                plan.add(test);
                it.remove();
            }
        }
    }

    int size() {
        return nodes.size();
    }
}
