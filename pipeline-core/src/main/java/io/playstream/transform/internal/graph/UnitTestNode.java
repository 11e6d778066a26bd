package io.playstream.transform.internal.graph;

import io.playstream.transform.internal.project.UnitTestDefinition;
import java.util.Objects;

/**
 * A unit test checked against the project: the model it tests exists and is enabled, its inputs
 * name that model's refs and sources (or {@code this}), and it settles {@code is_incremental()}
 * where the model asks.
 *
 * @param model the name of the model tested
 * @param incremental what {@code is_incremental()} answers while the model is rendered for the test
 */
public record UnitTestNode(String uniqueId, UnitTestDefinition definition, String model, boolean incremental) implements BuildNode {

    public UnitTestNode {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(model, "model");
    }

    public String name() {
        return definition.name();
    }

    /** How dbt logs it: {@code model::test}. */
    @Override
    public String displayName() {
        return model + "::" + definition.name();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.unitTest(this);
    }
}
