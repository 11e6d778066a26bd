package io.playstream.transform;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * dbt's closing lines: timing, each failure with its unique id, and the PASS/WARN/ERROR/SKIP counts,
 * with the reused nodes counted apart when there are any.
 */
final class SummaryPrinter {

    private final Consumer<String> console;

    SummaryPrinter(Consumer<String> console) {
        this.console = console;
    }

    void print(RunSummary summary, int models, int tests) {
        double s = summary.elapsedSeconds();
        console.accept("");
        console.accept(String.format(Locale.ROOT, "Finished running %d models, %d data tests in 0 hours %d minutes and %.2f seconds (%.2fs).",
                models, tests, (long) (s / 60), s % 60, s));
        long errors = summary.results().stream().filter(NodeResult::failed).count();
        long warnings = summary.count(NodeStatus.WARN);
        console.accept("");
        if (errors == 0) {
            console.accept(warnings == 0 ? "Completed successfully" : "Completed with " + warnings + " warning" + (warnings == 1 ? "" : "s") + ":");
        } else {
            console.accept("Completed with " + errors + " error" + (errors == 1 ? "" : "s") + ", 0 partial successes, and "
                    + warnings + " warning" + (warnings == 1 ? "" : "s") + ":");
        }
        for (NodeResult r : summary.results()) {
            if (r.failed() || r.status() == NodeStatus.WARN) {
                String kind = r.status() == NodeStatus.WARN ? "Warning" : "Failure";
                console.accept("");
                console.accept(r.resourceType().equals("test") && r.failures() != null
                        ? kind + " in test " + r.name() + " (" + r.uniqueId() + ")\n  " + r.message()
                        : "Error in " + r.resourceType() + " " + r.name() + " (" + r.uniqueId() + ")\n  " + r.message());
            }
        }
        console.accept("");
        long reused = summary.reused();
        console.accept("Done. PASS=" + (summary.count(NodeStatus.SUCCESS) + summary.count(NodeStatus.PASS) - reused) + " WARN=" + warnings
                + " ERROR=" + errors + " SKIP=" + summary.count(NodeStatus.SKIPPED) + " NO-OP=0" + (reused > 0 ? " REUSED=" + reused : "")
                + " TOTAL=" + summary.results().size());
    }
}
