package io.playstream.app.demo;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One line per stage, {@code [2/5] publish ........ 1,000,000 events in 12.3 s (81,300/s)}, with timing.
 * Off a terminal the stage's name is printed when it starts (a log shows what is running); on a
 * terminal the stage's progress bar has that line until the stage ends, then the whole line is printed.
 */
final class StageLog {

    private final PrintWriter out;
    private final int stages;
    private final boolean barsShown;
    private int current;
    private long startedAt;
    /** The stage's heading, held back while its bar is on screen. */
    private String pending = "";

    StageLog(PrintWriter out, int stages, boolean barsShown) {
        this.out = out;
        this.stages = stages;
        this.barsShown = barsShown;
    }

    void start(String name) {
        current++;
        startedAt = System.nanoTime();
        String heading = String.format(Locale.ROOT, "[%d/%d] %-10s ", current, stages, name);
        if (barsShown) {
            pending = heading;
        } else {
            out.print(heading);
            out.flush();
        }
    }

    /** Ends the stage; {@code detail} is a format with its arguments. */
    double done(String detail, Object... args) {
        double seconds = seconds();
        out.print(pending);
        pending = "";
        out.printf(Locale.ROOT, detail + " in %.1f s%n", append(args, seconds));
        out.flush();
        return seconds;
    }

    double seconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
