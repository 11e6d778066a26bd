package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.project.UnitTestDefinition.Fixture;
import io.playstream.transform.internal.project.UnitTestDefinition.Format;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses one entry of {@code unit_tests:} as dbt does: checks its keys, reads CSV rows and
 * fixture files into records (empty values as null) and, like dbt, moves the first row without a
 * null to the front of each fixture (some warehouses type a union by its first row).
 */
final class UnitTestSpecs {

    private static final Set<String> KEYS = Set.of("name", "model", "description", "given", "expect", "overrides", "config");
    private static final Set<String> FIXTURE_KEYS = Set.of("input", "rows", "format", "fixture");
    private static final Set<String> OVERRIDE_KEYS = Set.of("macros", "vars", "env_vars");
    private static final Set<String> CONFIG_KEYS = Set.of("enabled", "tags", "meta");

    private final String file;
    private final UnitTestFixtures fixtures;

    UnitTestSpecs(String file, UnitTestFixtures fixtures) {
        this.file = file;
        this.fixtures = fixtures;
    }

    UnitTestDefinition parse(Map<String, Object> entry) {
        String name = String.valueOf(entry.get("name"));
        String where = file + ": unit test '" + name + "'";
        for (String key : entry.keySet()) {
            if (!KEYS.contains(key)) {
                throw PlaystreamException.permanent(where + ": unsupported key '" + key + "' (the runner supports "
                        + String.join(", ", KEYS.stream().sorted().toList()) + "; model versions are not supported)");
            }
        }
        for (String required : List.of("name", "model", "given", "expect")) {
            if (entry.get(required) == null) {
                throw PlaystreamException.permanent(where + " needs '" + required + "'");
            }
        }
        List<Fixture> given = new ArrayList<>();
        for (Object input : YamlFiles.asList(entry.get("given"))) {
            Map<String, Object> map = YamlFiles.asMap(input, where + " given");
            if (map.get("input") == null) {
                throw PlaystreamException.permanent(where + ": every given entry needs 'input'");
            }
            given.add(fixture(map, String.valueOf(map.get("input")).strip(), where + " given " + map.get("input")));
        }
        Fixture expect = fixture(YamlFiles.asMap(entry.get("expect"), where + " expect"), null, where + " expect");
        Map<String, Object> overrides = YamlFiles.asMap(entry.get("overrides"), where + " overrides");
        checkKeys(overrides.keySet(), OVERRIDE_KEYS, where + " overrides");
        Map<String, Object> config = YamlFiles.asMap(entry.get("config"), where + " config");
        checkKeys(config.keySet(), CONFIG_KEYS, where + " config");
        Object description = entry.get("description");
        return new UnitTestDefinition(name, String.valueOf(entry.get("model")), file, description == null ? "" : String.valueOf(description),
                given, expect,
                new UnitTestDefinition.Overrides(YamlFiles.asMap(overrides.get("macros"), where + " overrides.macros"),
                        YamlFiles.asMap(overrides.get("vars"), where + " overrides.vars"),
                        YamlFiles.asMap(overrides.get("env_vars"), where + " overrides.env_vars")),
                config);
    }

    private Fixture fixture(Map<String, Object> map, String input, String where) {
        checkKeys(map.keySet(), FIXTURE_KEYS, where);
        Format format = format(map.get("format"), where);
        Object rows = map.get("rows");
        String fixture = map.get("fixture") == null ? null : String.valueOf(map.get("fixture"));
        return switch (format) {
            case DICT -> {
                if (fixture != null) {
                    throw PlaystreamException.permanent(where + ": fixture files hold csv or sql, set format: csv or format: sql");
                }
                if (!(rows instanceof List<?> list)) {
                    throw PlaystreamException.permanent(where + ": rows in format dict must be a list of mappings"
                            + (rows == null ? " (rows read from a seed's file are not supported)" : ""));
                }
                List<Map<String, Object>> records = new ArrayList<>();
                list.forEach(row -> records.add(new LinkedHashMap<>(YamlFiles.asMap(row, where + " rows"))));
                yield new Fixture(input, format, promoteRowWithoutNulls(records), null, null);
            }
            case CSV -> {
                String text = fixture != null ? fixtures.read(fixture, "csv", where) : text(rows, where);
                yield new Fixture(input, format, promoteRowWithoutNulls(CsvText.records(text, where)), null, fixture);
            }
            // dbt keeps the query without the line break a YAML block leaves at its end
            case SQL -> new Fixture(input, format, null, (fixture != null ? fixtures.read(fixture, "sql", where) : text(rows, where)).strip(),
                    fixture);
        };
    }

    private static String text(Object rows, String where) {
        if (!(rows instanceof String text)) {
            throw PlaystreamException.permanent(where + ": rows in format csv or sql must be a string, or name a fixture file");
        }
        return text;
    }

    private static Format format(Object value, String where) {
        String format = value == null ? "dict" : String.valueOf(value).toLowerCase(Locale.ROOT);
        return switch (format) {
            case "dict" -> Format.DICT;
            case "csv" -> Format.CSV;
            case "sql" -> Format.SQL;
            default -> throw PlaystreamException.permanent(where + ": format must be dict, csv or sql, found '" + value + "'");
        };
    }

    /** dbt swaps the first row free of nulls with the first row. */
    private static List<Map<String, Object>> promoteRowWithoutNulls(List<Map<String, Object>> rows) {
        List<Map<String, Object>> result = new ArrayList<>(rows);
        for (int i = 0; i < result.size(); i++) {
            if (!result.get(i).containsValue(null)) {
                Map<String, Object> first = result.get(0);
                result.set(0, result.get(i));
                result.set(i, first);
                break;
            }
        }
        return result;
    }

    private static void checkKeys(Set<String> keys, Set<String> accepted, String where) {
        for (String key : keys) {
            if (!accepted.contains(key)) {
                throw PlaystreamException.permanent(where + ": unsupported key '" + key + "' (accepted: "
                        + String.join(", ", accepted.stream().sorted().toList()) + ")");
            }
        }
    }
}
