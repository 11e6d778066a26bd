package io.playstream.app.progress;

import io.playstream.warehouse.LoadListener;
import java.util.Locale;

/** A bar over the objects of a load, with the rows loaded and rows/s, when there are enough objects to wait for. */
public final class LoadProgress implements LoadListener, AutoCloseable {

    private final ConsoleProgress console;
    private final int minimumObjects;
    private Bar bar = Bar.NONE;
    private long rows;

    /** @param minimumObjects fewer objects than this load without a bar (it would only flash) */
    public LoadProgress(ConsoleProgress console, int minimumObjects) {
        this.console = console;
        this.minimumObjects = minimumObjects;
    }

    @Override
    public void planned(int objects, long bytes) {
        if (objects >= minimumObjects) {
            bar = console.bar("load", objects, " objects");
        }
    }

    @Override
    public void batchCommitted(int objects, long rows, long bytes) {
        this.rows += rows;
        bar.stepBy(objects);
        bar.say(String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", this.rows, this.rows / Math.max(bar.seconds(), 1e-3)));
    }

    @Override
    public void close() {
        bar.close();
    }
}
