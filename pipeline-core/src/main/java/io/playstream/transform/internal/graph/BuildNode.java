package io.playstream.transform.internal.graph;

/**
 * A node {@code dbt build} runs: a model (or seed or snapshot), a data test or a unit test. Sealed,
 * so a {@link Visitor} covers every kind and a new kind cannot be forgotten by the build.
 */
public sealed interface BuildNode permits ModelNode, TestNode, UnitTestNode {

    String uniqueId();

    /** How dbt's log names it: the node's name, {@code model::test} for a unit test. */
    String displayName();

    <R> R accept(Visitor<R> visitor);

    /** What to do with each kind of node. */
    interface Visitor<R> {
        R model(ModelNode model);

        R test(TestNode test);

        R unitTest(UnitTestNode unitTest);
    }
}
