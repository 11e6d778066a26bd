package io.playstream.app.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a report as a table: one row per stage, medians with their min..max, then memory per stage. */
public final class BenchTable {

    private BenchTable() {
    }

    public static void print(BenchReport report, PrintWriter out) {
        out.printf(Locale.ROOT, "%nmachine: %s%n", report.machine().describe());
        out.printf(Locale.ROOT, "events per round: %,d, partitions: %d, rounds: %d (median, min..max)%n%n",
                report.events(), report.partitions(), report.rounds());
        String format = "| %-24s | %-35s | %-35s | %-18s |%n";
        out.printf(Locale.ROOT, format, "stage", "ours", "reference", "ratio");
        out.printf(Locale.ROOT, format, "-".repeat(24), "-".repeat(35), "-".repeat(35), "-".repeat(18));
        for (StageResult stage : report.stages()) {
            StageResult.Spread ratio = stage.spread(r -> r.ratio() == null ? Double.NaN : r.ratio());
            out.printf(Locale.ROOT, format, stage.stage(),
                    figure(stage.spread(RoundFigure::ours), stage.unit()),
                    stage.note() != null ? stage.note() : figure(stage.spread(r -> r.reference() == null ? Double.NaN : r.reference()), stage.unit()),
                    ratio == null ? "-" : String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", ratio.median(), ratio.min(), ratio.max()));
        }
        out.printf(Locale.ROOT, "%n| %-24s | %-40s | %-14s | %-14s |%n", "stage", "ours: extra figures (median)",
                "peak heap MiB", "peak RSS MiB");
        for (StageResult stage : report.stages()) {
            StringBuilder extra = new StringBuilder();
            stage.rounds().get(0).details().keySet().stream().sorted().forEach(key -> extra.append(String.format(Locale.ROOT,
                    "%s=%s ", key, compact(stage.spread(r -> r.details().getOrDefault(key, Double.NaN)).median()))));
            out.printf(Locale.ROOT, "| %-24s | %-40s | %14d | %14d |%n", stage.stage(), extra.toString().strip(),
                    stage.max(RoundFigure::peakHeapBytes) >> 20, stage.max(RoundFigure::peakRssBytes) >> 20);
        }
        out.flush();
    }

    private static String figure(StageResult.Spread spread, String unit) {
        if (spread == null) {
            return "-";
        }
        return compact(spread.median()) + " " + unit + " (" + compact(spread.min()) + ".." + compact(spread.max()) + ")";
    }

    /** 1234567 -> 1.23M, 12345 -> 12.3k, 3.456 -> 3.46: short enough for a table cell. */
    static String compact(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (abs >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        return String.format(Locale.ROOT, abs >= 100 || value == Math.rint(value) ? "%.0f" : "%.2f", value);
    }
}
