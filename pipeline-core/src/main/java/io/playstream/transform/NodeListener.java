package io.playstream.transform;


/**
 * Told of each node of a build as it runs, in plan order: for progress bars and tests. Called on the
 * run's own thread; a listener that throws ends the run.
 */
public interface NodeListener {

    NodeListener NONE = new NodeListener() {
    };

    /** Node {@code index} (from 1) of {@code total}, a model or a test, starts. */
    default void started(int index, int total, String name) {
    }

    /** Node {@code index} of {@code total} ended (skipped nodes too), as run_results.json records it. */
    default void finished(int index, int total, NodeResult result) {
    }
}
