package io.playstream.app.demo;

import java.io.PrintWriter;
import java.util.Locale;

/** One line per stage, {@code [2/5] publish ........ 1,000,000 events in 12.3 s (81,300/s)}, with timing. */
final class StageLog {

    private final PrintWriter out;
    private final int stages;
    private int current;
    private long startedAt;

    StageLog(PrintWriter out, int stages) {
        this.out = out;
        this.stages = stages;
    }

    void start(String name) {
        current++;
        startedAt = System.nanoTime();
        out.printf(Locale.ROOT, "[%d/%d] %-10s ", current, stages, name);
        out.flush();
    }

    /** Ends the stage; {@code detail} is a format with its arguments. */
    double done(String detail, Object... args) {
        double seconds = seconds();
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
