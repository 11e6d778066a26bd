package io.playstream.transform.datatest;

import io.playstream.transform.project.Digests;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * dbt's names for generic tests: {@code <test>_<model>_<column>[__<args>]} (package prefix
 * joined with an underscore, {@code source_} for sources, non-word characters as underscores), and
 * {@code test.<project>.<name>.<10 hex digits>} as unique id. Names longer than 64 characters are
 * shortened with a hash as dbt does.
 */
public final class TestNames {

    static final int MAX_NAME = 64;
    static final int TRUNCATED = 30;

    private TestNames() {
    }

    public static String name(String test, String target, String column, Map<String, Object> args) {
        StringBuilder name = new StringBuilder(test.replace('.', '_')).append('_').append(target);
        if (column != null) {
            name.append('_').append(column);
        }
        new java.util.TreeMap<>(args).values().forEach(value -> name.append("__").append(flatten(value)));
        String clean = name.toString().replaceAll("[^0-9a-zA-Z_]+", "_");
        if (clean.length() < MAX_NAME) {
            return clean;
        }
        String identifier = test.replace('.', '_');
        return identifier.substring(0, Math.min(TRUNCATED, identifier.length())) + "_" + md5(clean);
    }

    public static String uniqueId(String project, String name, String file) {
        return "test." + project + "." + name + "." + md5(name + "|" + file).substring(0, 10);
    }

    private static String flatten(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(TestNames::flatten).collect(Collectors.joining("__"));
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    static String md5(String text) {
        return Digests.md5(text);
    }
}
