package io.playstream.transform.internal.project;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dbt unit test ({@code unit_tests:} in a YAML file): the model it tests, fixed rows for the
 * model's inputs, the rows the model must then return, and what it overrides while rendering.
 * Rows are normalised as dbt normalises them at parse time: CSV (inline or a fixture file) becomes
 * records with empty values as null, a fixture file's content is read in.
 *
 * @param file the YAML file declaring it
 * @param config dbt's unit-test config ({@code enabled}, {@code tags}, {@code meta})
 */
public record UnitTestDefinition(String name, String model, String file, String description, List<Fixture> given,
        Fixture expect, Overrides overrides, Map<String, Object> config) {

    public UnitTestDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        given = List.copyOf(given);
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(overrides, "overrides");
        config = copy(config);
    }

    /** YAML maps may hold nulls, which {@code Map.copyOf} refuses. */
    static Map<String, Object> copy(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    /** dbt's {@code format} of fixture rows. */
    public enum Format {
        DICT, CSV, SQL;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One {@code given} input, or the {@code expect}ed output.
     *
     * @param input {@code ref('m')}, {@code source('s', 't')} or {@code this}; null for the expected output
     * @param records the rows (formats dict and csv), each a column-to-value map
     * @param sql the rows as a query (format sql), else null
     * @param fixture the fixture file's name, or null when the rows are inline
     */
    public record Fixture(String input, Format format, List<Map<String, Object>> records, String sql, String fixture) {
        public Fixture {
            Objects.requireNonNull(format, "format");
            records = records == null ? null : records.stream().map(UnitTestDefinition::copy).toList();
        }
    }

    /** What the test overrides while rendering the model: macros by name, vars, env vars. */
    public record Overrides(Map<String, Object> macros, Map<String, Object> vars, Map<String, Object> envVars) {
        public Overrides {
            macros = copy(macros);
            vars = copy(vars);
            envVars = copy(envVars);
        }

        public boolean isEmpty() {
            return macros.isEmpty() && vars.isEmpty() && envVars.isEmpty();
        }
    }

    public boolean enabled() {
        return !"false".equalsIgnoreCase(String.valueOf(config.get("enabled")));
    }

    public String uniqueId(String project) {
        return "unit_test." + project + "." + model + "." + name;
    }
}
