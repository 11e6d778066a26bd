package io.playstream.transform.internal.execute;

import java.util.Locale;
import java.util.function.Consumer;

/** dbt's console lines: {@code 1 of 12 START sql table model gold.top_songs .... [RUN]}. */
final class DbtLog {

    static final int WIDTH = 80;

    private final Consumer<String> out;
    private final int total;

    DbtLog(Consumer<String> out, int total) {
        this.out = out;
        this.total = total;
    }

    void line(String text) {
        out.accept(text);
    }

    void start(int index, String what) {
        out.accept(dotted(index + " of " + total + " START " + what, "[RUN]"));
    }

    void done(int index, String what, String status) {
        out.accept(dotted(index + " of " + total + " " + what, "[" + status + "]"));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2fs", s);
    }

    private static String dotted(String left, String right) {
        int dots = Math.max(3, WIDTH - left.length() - right.length() - 2);
        return left + " " + ".".repeat(dots) + " " + right;
    }
}
