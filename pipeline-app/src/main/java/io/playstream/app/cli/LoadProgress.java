package io.playstream.app.cli;

import io.playstream.warehouse.LoadListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over the objects of a load, shown only on a terminal and when there are many. */
final class LoadProgress implements LoadListener, AutoCloseable {

    private final boolean terminal;
    private final int minimumObjects;
    private ProgressBar bar;

    LoadProgress(boolean terminal, int minimumObjects) {
        this.terminal = terminal;
        this.minimumObjects = minimumObjects;
    }

    @Override
    public void planned(int objects, long bytes) {
        if (terminal && objects >= minimumObjects) {
            bar = new ProgressBarBuilder().setTaskName("load").setInitialMax(objects).setUnit(" objects", 1)
                    .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
        }
    }

    @Override
    public void batchCommitted(int objects, long rows, long bytes) {
        if (bar != null) {
            bar.stepBy(objects);
            bar.setExtraMessage(rows + " rows");
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
