package io.playstream.app.progress;

import io.playstream.transform.NodeResult;
import io.playstream.transform.NodeListener;
import java.util.Locale;

/**
 * A bar over the nodes of a transform: node i of n and its name while it runs, then its status and
 * seconds, so a 40 s build shows where it is.
 */
public final class NodeProgress implements NodeListener, AutoCloseable {

    private final ConsoleProgress console;
    /** dbt's test names run to 80 characters; the bar needs room on an 80-column terminal. */
    static final int NAME_WIDTH = 32;

    private Bar bar = Bar.NONE;

    public NodeProgress(ConsoleProgress console) {
        this.console = console;
    }

    @Override
    public void started(int index, int total, String name) {
        if (index == 1) {
            bar = console.bar("transform", total, " nodes");
        }
        bar.say(String.format(Locale.ROOT, "%d of %d %s", index, total, shortened(name)));
    }

    @Override
    public void finished(int index, int total, NodeResult result) {
        bar.stepTo(index);
        bar.say(String.format(Locale.ROOT, "%d of %d %s %s %.2f s", index, total, shortened(result.name()), result.status(),
                result.executionSeconds()));
    }

    private static String shortened(String name) {
        return name.length() <= NAME_WIDTH ? name : name.substring(0, NAME_WIDTH - 3) + "...";
    }

    @Override
    public void close() {
        bar.close();
    }
}
