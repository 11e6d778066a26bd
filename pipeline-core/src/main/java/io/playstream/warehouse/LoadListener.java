package io.playstream.warehouse;

import java.util.List;

/**
 * Told what a load does, step by step: for progress bars, metrics and tests. A listener that throws
 * aborts the load; the open batch is rolled back (which is how tests inject a crash between writing
 * rows and writing the manifest).
 */
public interface LoadListener {

    LoadListener NONE = new LoadListener() {
    };

    /** The lock is held and these many objects (of these many bytes) will be loaded. */
    default void planned(int objects, long bytes) {
    }

    /** A batch's rows are written, its manifest rows not yet: nothing of it is committed. */
    default void rowsWritten(List<String> objectKeys) {
    }

    /** A batch is committed. */
    default void batchCommitted(int objects, long rows, long bytes) {
    }
}
