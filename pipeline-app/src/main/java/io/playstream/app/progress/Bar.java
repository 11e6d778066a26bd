package io.playstream.app.progress;

import me.tongfei.progressbar.ProgressBar;

/** One progress bar, or nothing when progress is not shown; safe to call from any thread. */
public final class Bar implements AutoCloseable {

    static final Bar NONE = new Bar(null, () -> { });

    private final ProgressBar bar;
    private final Runnable wipe;

    Bar(ProgressBar bar, Runnable wipe) {
        this.bar = bar;
        this.wipe = wipe;
    }

    public void stepTo(long count) {
        if (bar != null) {
            bar.stepTo(count);
        }
    }

    public void stepBy(long count) {
        if (bar != null) {
            bar.stepBy(count);
        }
    }

    /** Text after the bar: what is being done now. */
    public void say(String message) {
        if (bar != null) {
            // the library writes the message right after the rate
            bar.setExtraMessage(" " + message);
        }
    }

    /** Seconds since the bar started, for rates of what the bar does not count. */
    public double seconds() {
        return bar == null ? 0 : bar.getTotalElapsed().toNanos() / 1e9;
    }

    /** Draws the final state, then blanks the line for what the command prints next. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            wipe.run();
        }
    }
}
