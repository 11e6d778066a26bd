package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses one entry of a {@code tests:}/{@code data_tests:} list in dbt's three spellings:
 * {@code - unique}, {@code - accepted_values: {values: [...]}} and the dbt 1.10 form with
 * {@code arguments:} and {@code config:}. Config keys written beside the arguments count as config.
 */
final class TestSpecs {

    static final Set<String> CONFIG_KEYS = Set.of("severity", "where", "enabled", "tags", "store_failures",
            "limit", "warn_if", "error_if", "meta", "alias", "schema", "database", "fail_calc", "store_failures_as");

    private final String file;

    TestSpecs(String file) {
        this.file = file;
    }

    TestDefinition parse(Object entry, String model, SourceTable source, String column) {
        if (entry instanceof String name) {
            return new TestDefinition(name, model, source, column, Map.of(), Map.of(), file);
        }
        Map<String, Object> map = YamlFiles.asMap(entry, file + " tests");
        if (map.size() != 1) {
            throw PlaystreamException.permanent(file + ": a test entry must have one key (the test name), found " + map.keySet());
        }
        String name = map.keySet().iterator().next();
        Map<String, Object> body = YamlFiles.asMap(map.get(name), file + " " + name);
        Map<String, Object> arguments = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>(YamlFiles.asMap(body.get("config"), file + " " + name + ".config"));
        body.forEach((key, value) -> {
            if (key.equals("arguments")) {
                arguments.putAll(YamlFiles.asMap(value, file + " " + name + ".arguments"));
            } else if (CONFIG_KEYS.contains(key)) {
                config.put(key, value);
            } else if (!key.equals("config") && !key.equals("name") && !key.equals("description")) {
                arguments.put(key, value);
            }
        });
        String testName = body.containsKey("test_name") ? String.valueOf(arguments.remove("test_name")) : name;
        return new TestDefinition(testName, model, source, column, arguments, config, file);
    }
}
