package io.playstream.transform.internal.datatest;

import io.playstream.transform.internal.project.Digests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * dbt's names for generic tests. The name is {@code <identifier>_<args>}: the identifier is the
 * test ({@code source_} first for a source, the package joined with an underscore) and what it
 * tests; the arguments are the column, then the other arguments by key, lists item by item,
 * joined by {@code __}, non-word characters as underscores. dbt keeps the whole name and shortens
 * only the alias (the name of the compiled file and of a stored-failures table) past 63
 * characters: the identifier's first 30 characters and the md5 of the name. The unique id ends in
 * the last 10 hex digits of the md5 of the name followed by the test's metadata as Python prints
 * it (keys sorted, every value as text), as dbt computes it.
 */
public final class TestNames {

    static final int MAX_NAME = 64;
    static final int TRUNCATED = 30;

    private TestNames() {
    }

    /** A generic test's name and alias. */
    public record Names(String name, String alias) {
    }

    /**
     * @param test the test macro, with its package if any ({@code dbt_utils.accepted_range})
     * @param target the model's name, or {@code <source>_<table>}
     */
    public static Names names(boolean onSource, String test, String target, String column, Map<String, Object> args) {
        String identifier = (onSource ? "source_" : "") + test.replace('.', '_') + "_" + target;
        List<String> flat = new ArrayList<>();
        if (column != null) {
            flat.add(column);
        }
        new TreeMap<>(args).values().forEach(value -> flatten(value, flat));
        String name = identifier + "_" + String.join("__", flat.stream().map(a -> a.replaceAll("[^0-9a-zA-Z_]+", "_")).toList());
        if (name.length() < MAX_NAME) {
            return new Names(name, name);
        }
        return new Names(name, identifier.substring(0, Math.min(TRUNCATED, identifier.length())) + "_" + md5(name));
    }

    /** dbt's {@code test_metadata}: the macro's name, its package (or null) and the arguments as written. */
    public static Map<String, Object> metadata(String test, String column, Map<String, Object> args, String relationCall) {
        int dot = test.indexOf('.');
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (column != null) {
            kwargs.put("column_name", column);
        }
        kwargs.putAll(args);
        kwargs.put("model", "{{ get_where_subquery(" + relationCall + ") }}");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", dot < 0 ? test : test.substring(dot + 1));
        metadata.put("kwargs", kwargs);
        metadata.put("namespace", dot < 0 ? null : test.substring(0, dot));
        return metadata;
    }

    public static String uniqueId(String project, String name, Map<String, Object> metadata) {
        String hash = md5(name + PythonRepr.ofTextValues(metadata));
        return "test." + project + "." + name + "." + hash.substring(hash.length() - 10);
    }

    private static void flatten(Object value, List<String> into) {
        if (value instanceof List<?> list) {
            list.forEach(item -> into.add(text(item)));
        } else {
            into.add(text(value));
        }
    }

    private static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    static String md5(String text) {
        return Digests.md5(text);
    }
}
