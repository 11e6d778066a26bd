package io.playstream.transform.internal.execute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The difference between a unit test's expected and actual rows, compared as multisets (order does
 * not count), drawn as dbt draws it with daff: a header row {@code @@}, then every row sorted,
 * {@code +++} in front of a row only the model returned, {@code ---} in front of an expected row it
 * did not return, columns padded to line up.
 */
final class UnitTestDiff {

    private static final String NULL = "NULL";

    private UnitTestDiff() {
    }

    /** @return null when the rows are the same multiset, else the drawn difference */
    static String render(List<String> columns, List<List<String>> expected, List<List<String>> actual) {
        List<List<String>> unmatchedActual = new ArrayList<>(actual);
        List<List<String>> lines = new ArrayList<>();
        Map<List<String>, Integer> actualCounts = counts(actual);
        List<List<String>> sortedExpected = sorted(expected);
        boolean differs = false;
        for (List<String> row : sortedExpected) {
            Integer left = actualCounts.get(row);
            if (left != null && left > 0) {
                actualCounts.put(row, left - 1);
                unmatchedActual.remove(row);
                lines.add(prefixed("", row));
            } else {
                differs = true;
                lines.add(prefixed("---", row));
            }
        }
        for (List<String> row : sorted(unmatchedActual)) {
            differs = true;
            lines.add(prefixed("+++", row));
        }
        if (!differs) {
            return null;
        }
        lines.add(0, prefixed("@@", columns));
        return "actual differs from expected:\n\n" + table(lines) + "\n";
    }

    private static Map<List<String>, Integer> counts(List<List<String>> rows) {
        Map<List<String>, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(r -> String.join("\u0000", r.stream().map(v -> v == null ? "" : "\u0001" + v).toList())));
        return sorted;
    }

    private static List<String> prefixed(String mark, List<String> row) {
        List<String> line = new ArrayList<>();
        line.add(mark);
        row.forEach(v -> line.add(v == null ? NULL : v));
        return line;
    }

    private static String table(List<List<String>> lines) {
        int columns = lines.get(0).size();
        int[] widths = new int[columns];
        lines.forEach(l -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], l.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                text.append(i == 0 ? "" : " | ").append(String.format("%-" + Math.max(1, widths[i]) + "s", line.get(i)));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
