package io.playstream.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the faults did, in figures: a line per fault, totals per kind; printed and kept under target/. */
final class FaultFigures {

    private final List<String> lines = new ArrayList<>();
    private final Map<String, Integer> totals = new TreeMap<>();
    private final long started = System.nanoTime();

    synchronized void fault(String kind, String format, Object... args) {
        totals.merge(kind, 1, Integer::sum);
        note("%-22s %s", kind, String.format(Locale.ROOT, format, args));
    }

    synchronized void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, "[%6.1f s] ", (System.nanoTime() - started) / 1e9)
                + String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println("fault-injection: " + line);
    }

    synchronized int count(String kind) {
        return totals.getOrDefault(kind, 0);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Copies the children's logs out of a temporary folder, for whoever reads a failure. */
    static void keepLogs(Path logs, Path target) throws IOException {
        Files.createDirectories(target);
        try (var each = Files.list(logs)) {
            for (Path log : (Iterable<Path>) each::iterator) {
                Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Writes every line and the totals to {@code file}. */
    synchronized void write(Path file) {
        List<String> text = new ArrayList<>(lines);
        text.add("totals: " + totals);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
