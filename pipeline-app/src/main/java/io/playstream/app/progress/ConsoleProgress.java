package io.playstream.app.progress;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.LoggerFactory;

/**
 * Where progress bars go: a terminal's stderr, or nowhere. Off a terminal (a pipe, a log file, CI)
 * or with {@code PLAYSTREAM_PROGRESS=off} every bar is a no-op, so what a command prints stays its
 * plain lines. A closed bar wipes its line, so the terminal keeps the same lines a log does.
 */
public final class ConsoleProgress {

    /** {@code PLAYSTREAM_PROGRESS=off} turns the bars off on a terminal too. */
    public static final String SWITCH_VARIABLE = "PLAYSTREAM_PROGRESS";

    private static final ConsoleProgress QUIET = new ConsoleProgress(null, 0);
    /** The library measures the terminal's width itself. */
    private static final int TERMINAL_WIDTH = -1;

    private final PrintStream target;
    private final int width;

    private ConsoleProgress(PrintStream target, int width) {
        this.target = target;
        this.width = width;
    }

    /** Bars on stderr when this process has a terminal and the environment does not turn them off. */
    public static ConsoleProgress forThisProcess(Map<String, String> environment) {
        boolean off = "off".equalsIgnoreCase(environment.getOrDefault(SWITCH_VARIABLE, "").trim());
        return System.console() == null || off ? QUIET : new ConsoleProgress(System.err, TERMINAL_WIDTH);
    }

    /** Bars drawn on {@code target}, terminal or not, {@code width} characters wide (for tests). */
    public static ConsoleProgress on(PrintStream target, int width) {
        return new ConsoleProgress(target, width);
    }

    public static ConsoleProgress quiet() {
        return QUIET;
    }

    public boolean shown() {
        return target != null;
    }

    /**
     * A bar counting {@code unit}s (" events") up to {@code max}, -1 when the end is unknown, with
     * the rate in units per second.
     */
    public Bar bar(String task, long max, String unit) {
        if (target == null) {
            return Bar.NONE;
        }
        WipingConsumer consumer = new WipingConsumer(target, width);
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().continuousUpdate().setConsumer(consumer).build();
        return new Bar(bar, consumer::wipe);
    }

    /**
     * While bars are drawn, INFO log lines (stderr too) would tear them apart, and each stage's own
     * line says what they say; so INFO logs are off until {@link InfoLogsMuted#close()}, warnings still show.
     * Off a terminal nothing changes.
     */
    public InfoLogsMuted muteInfoLogs() {
        if (target == null) {
            return () -> { };
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.WARN);
        return () -> root.setLevel(before);
    }

    /** Ends {@link #muteInfoLogs()}. */
    @FunctionalInterface
    public interface InfoLogsMuted extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The library's console consumer, but closing leaves no empty line behind, and {@link #wipe()}
     * blanks the bar's line (the library's own clear-on-finish is skipped when a bar closes before
     * its first scheduled drawing).
     */
    private static final class WipingConsumer extends ConsoleProgressBarConsumer {
        private final PrintStream target;

        WipingConsumer(PrintStream target, int width) {
            super(target, width);
            this.target = target;
        }

        void wipe() {
            clear();
            target.print('\r');
            target.flush();
        }

        @Override
        public void close() {
            target.flush();
        }
    }
}
