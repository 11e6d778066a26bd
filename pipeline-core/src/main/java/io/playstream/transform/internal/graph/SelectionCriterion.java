package io.playstream.transform.internal.graph;

import io.playstream.PlaystreamException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One term of a dbt selector, e.g. {@code 2+config.materialized:incremental+1}: a method with its
 * arguments and value, and the graph operators around it ({@code @}, {@code n+}, {@code +n}).
 *
 * @param parentsDepth how many generations of parents {@code n+} adds; null for all of them
 * @param childrenDepth how many generations of children {@code +n} adds; null for all of them
 */
record SelectionCriterion(String raw, SelectorMethod method, List<String> arguments, String value,
        boolean childrensParents, boolean parents, Integer parentsDepth, boolean children, Integer childrenDepth) {

    /** dbt's own grammar of a term (dbt/graph/selector_spec.py). */
    private static final Pattern TERM = Pattern.compile(
            "\\A(@)?((\\d*)\\+)?(?:([\\w.]+):)?(.*?)(\\+(\\d*))?\\z");

    static SelectionCriterion parse(String raw) {
        Matcher m = TERM.matcher(raw);
        if (!m.matches()) {
            throw invalid(raw, "not a selector");
        }
        String value = m.group(5);
        if (value.isEmpty()) {
            throw invalid(raw, "no search value");
        }
        SelectorMethod method;
        List<String> arguments = List.of();
        if (m.group(4) == null) {
            method = defaultMethod(value);
        } else {
            String[] parts = m.group(4).split("\\.");
            method = SelectorMethod.named(parts[0], raw);
            arguments = List.of(Arrays.copyOfRange(parts, 1, parts.length));
            if (method == SelectorMethod.CONFIG && arguments.isEmpty()) {
                throw invalid(raw, "config needs the key to compare, e.g. config.materialized:table");
            }
        }
        boolean childrensParents = m.group(1) != null;
        boolean children = m.group(6) != null;
        if (childrensParents && children) {
            throw invalid(raw, "\"@\" prefix and \"+\" suffix are incompatible");
        }
        return new SelectionCriterion(raw, method, arguments, value, childrensParents, m.group(2) != null,
                depth(m.group(3)), children, depth(m.group(7)));
    }

    /** As dbt guesses: a value with a slash is a path, a file name is a file, anything else an fqn. */
    private static SelectorMethod defaultMethod(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (value.contains("/")) {
            return SelectorMethod.PATH;
        }
        if (lower.endsWith(".sql") || lower.endsWith(".py") || lower.endsWith(".csv")) {
            return SelectorMethod.FILE;
        }
        return SelectorMethod.FQN;
    }

    private static Integer depth(String digits) {
        return digits == null || digits.isEmpty() ? null : Integer.valueOf(digits);
    }

    static PlaystreamException invalid(String raw, String why) {
        return PlaystreamException.permanent("Invalid selector '" + raw + "': " + why);
    }
}
