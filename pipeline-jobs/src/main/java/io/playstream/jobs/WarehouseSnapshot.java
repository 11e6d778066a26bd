package io.playstream.jobs;

/**
 * The warehouse as one moment left it, held open for one selection run beside the transforms that
 * follow (continuous mode runs its data tests so, off the path of gold): the run sees every model
 * as of that moment, however many transforms commit meanwhile. Closing it ends its transaction.
 */
public interface WarehouseSnapshot extends AutoCloseable {

    /**
     * Runs the selected nodes on the snapshot, without the transform lock, then commits what the
     * run wrote (passed tests' state). For nodes that read the models only, such as the data tests
     * ({@code resource_type:test}): a model built here would be built on old data. Fails as
     * {@link PipelineStages#transform} does.
     */
    StageReport transform(String selector);

    /** Ends the snapshot's transaction (rolls back what no run committed) and lets its connection go. */
    @Override
    void close();
}
