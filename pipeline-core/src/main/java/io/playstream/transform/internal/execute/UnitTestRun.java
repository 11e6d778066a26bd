package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.UnitTestNode;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.jinja.RenderScope;
import io.playstream.transform.internal.project.SourceTable;
import io.playstream.transform.internal.project.UnitTestDefinition;
import io.playstream.transform.internal.project.UnitTestDefinition.Fixture;
import io.playstream.warehouse.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a unit test as dbt's {@code unit} materialization does: the model rendered with each input
 * replaced by a CTE of the given rows (typed as the input relation's columns, columns not given
 * null), the expected rows typed as the model's output columns, and one query returning both,
 * tagged {@code actual} and {@code expected}; the test passes when the two are equal as multisets
 * over the expected columns. Nothing is written to the warehouse.
 */
final class UnitTestRun {

    private static final String TAG = "actual_or_expected";

    private final CompiledProject project;
    private final DbtJinja jinja;
    private final SqlSession session;
    private final Dialect dialect;

    UnitTestRun(CompiledProject project, DbtJinja jinja, SqlSession session, Dialect dialect) {
        this.project = project;
        this.jinja = jinja;
        this.session = session;
        this.dialect = dialect;
    }

    /** The test's query, and the columns it compares (the expected rows' columns, else all the model's). */
    record Prepared(String sql, List<String> columns) {
    }

    /** The rows the query returned and, when actual and expected differ, a table of the difference. */
    record Outcome(int rows, String diff) {
        boolean passed() {
            return diff == null;
        }
    }

    /**
     * What decides a unit test's outcome, read without the warehouse: its definition, the code of
     * the model it tests and of the models and seeds it gives rows for (their columns type the
     * rows), the project's macros and vars. Equal to the key of its last pass, the test is reused.
     */
    String reuseKey(UnitTestNode test) {
        List<Object> parts = new ArrayList<>(List.of(test.definition().toString(), test.incremental(), project.project().vars().toString()));
        parts.add(project.models().get(test.model()).file().file().text());
        for (Fixture given : test.definition().given()) {
            ModelNode input = project.models().get(UnitTestInputs.parse(given.input(), test.name()).key());
            parts.add(input == null ? given.input() : input.file().file().text() + input.config().values());
        }
        project.project().macroFiles().forEach(f -> parts.add(f.text()));
        return BuildState.checksum(parts);
    }

    Prepared prepare(UnitTestNode test) {
        ModelNode model = project.models().get(test.model());
        UnitTestDefinition definition = test.definition();
        String where = definition.file() + ": unit test '" + definition.name() + "'";
        Map<String, String> ctes = new LinkedHashMap<>();
        Map<String, String> cteOf = new LinkedHashMap<>();
        for (Fixture given : definition.given()) {
            UnitTestInputs input = UnitTestInputs.parse(given.input(), where);
            String cte = input.key().equals(UnitTestInputs.THIS) ? "__dbt__cte__" + model.name() : input.cte();
            cteOf.put(input.key(), cte);
            ctes.put(cte, fixtureSql(given, input.key(), inputRelation(input.key(), model, where), where));
        }
        RenderScope scope = new RenderScope(model.path(), resolver(cteOf, model, where), test.incremental(),
                cteOf.containsKey(UnitTestInputs.THIS) ? Relation.cte(cteOf.get(UnitTestInputs.THIS)) : model.relation());
        Map<String, Object> macros = new LinkedHashMap<>(definition.overrides().macros());
        macros.remove("is_incremental");
        Map<String, String> env = new LinkedHashMap<>();
        definition.overrides().envVars().forEach((k, v) -> env.put(k, String.valueOf(v)));
        String rendered = jinja.renderOverridden(model.path(), model.file().file().text(), scope, definition.overrides().vars(), env, macros);
        String sql = ModelCompiler.inject(rendered, ctes);
        Map<String, String> actualTypes = lowerCased(session.columnsOf("select * from (\n" + sql + "\n) as dbt_internal_unit_test_sbq where 1 = 0",
                "model " + model.name() + " in unit test " + definition.name()));
        Fixture expect = definition.expect();
        List<String> columns = expect.records() != null && !expect.records().isEmpty()
                ? expect.records().get(0).keySet().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList()
                : List.copyOf(actualTypes.keySet());
        String expectedSql = switch (expect.format()) {
            case SQL -> expect.sql();
            default -> expect.records().isEmpty() ? "select * from dbt_internal_unit_test_actual limit 0"
                    : rows(expect.records(), actualTypes, false, "expected output", where);
        };
        String list = columns.stream().map(c -> {
            if (!actualTypes.containsKey(c)) {
                throw PlaystreamException.permanent(where + ": Invalid column name: '" + c + "' in unit test fixture for expected output."
                        + " Accepted columns for expected output are: " + List.copyOf(actualTypes.keySet()));
            }
            return dialect.quote(c);
        }).collect(Collectors.joining(", "));
        String query = "-- Build actual result given inputs\nwith dbt_internal_unit_test_actual as (\n  select " + list + ", 'actual' as "
                + dialect.quote(TAG) + " from (\n" + sql + "\n  ) _dbt_internal_unit_test_actual\n),\n"
                + "-- Build expected result\ndbt_internal_unit_test_expected as (\n  select " + list + ", 'expected' as " + dialect.quote(TAG)
                + " from (\n" + expectedSql + "\n  ) _dbt_internal_unit_test_expected\n)\n"
                + "-- Union actual and expected results\nselect * from dbt_internal_unit_test_actual\nunion all\n"
                + "select * from dbt_internal_unit_test_expected";
        return new Prepared(query, columns);
    }

    Outcome run(Prepared prepared) {
        List<List<String>> rows = session.queryRows(prepared.sql());
        List<List<String>> actual = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> values = row.subList(0, row.size() - 1);
            ("actual".equals(row.get(row.size() - 1)) ? actual : expected).add(values);
        }
        String diff = UnitTestDiff.render(prepared.columns(), expected, actual);
        return new Outcome(rows.size(), diff);
    }

    private RenderScope.Resolver resolver(Map<String, String> cteOf, ModelNode model, String where) {
        return new RenderScope.Resolver() {
            @Override
            public Relation ref(String name) {
                return given(name, "ref('" + name + "')");
            }

            @Override
            public Relation source(String source, String table) {
                return given(source + "." + table, "source('" + source + "', '" + table + "')");
            }

            private Relation given(String key, String call) {
                String cte = cteOf.get(key);
                if (cte == null) {
                    throw PlaystreamException.permanent(where + ": model " + model.name() + " reads " + call
                            + ", which the test does not give (give every input the model reads)");
                }
                return Relation.cte(cte);
            }
        };
    }

    /** The relation whose columns type an input's rows: the model, the seed, the source or, for {@code this}, the model tested. */
    private Relation inputRelation(String key, ModelNode tested, String where) {
        if (key.equals(UnitTestInputs.THIS)) {
            return tested.relation();
        }
        ModelNode node = project.models().get(key);
        if (node != null) {
            return node.relation();
        }
        SourceTable source = project.sources().get(key);
        if (source != null) {
            return new Relation(source.schema(), source.identifier());
        }
        throw PlaystreamException.permanent(where + ": had an input (" + key + ") which was not found in the manifest.");
    }

    private String fixtureSql(Fixture given, String key, Relation relation, String where) {
        if (given.format() == UnitTestDefinition.Format.SQL) {
            return given.sql();
        }
        String name = key.equals(UnitTestInputs.THIS) ? relation.getIdentifier() : key;
        if (session.relationType(relation).isEmpty()) {
            throw PlaystreamException.permanent(where + ": Not able to get columns for unit test '" + name + "' from relation " + relation
                    + " because the relation doesn't exist (build it first, or give the rows in format sql)");
        }
        Map<String, String> types = lowerCased(session.columns(relation));
        if (given.records().isEmpty()) {
            return "select " + types.entrySet().stream().map(t -> "cast(null as " + t.getValue() + ") as " + dialect.quote(t.getKey()))
                    .collect(Collectors.joining(", ")) + "\n    limit 0";
        }
        return rows(given.records(), types, true, "'" + name + "'", where);
    }

    /**
     * Rows as a union of selects, each value cast to its column's type; with {@code allColumns}
     * every column of {@code types} is selected (null where a row does not give it), as dbt does for inputs.
     */
    private String rows(List<Map<String, Object>> records, Map<String, String> types, boolean allColumns, String fixtureName, String where) {
        List<String> selects = new ArrayList<>();
        for (Map<String, Object> record : records) {
            Map<String, String> values = new LinkedHashMap<>();
            if (allColumns) {
                types.forEach((column, type) -> values.put(column, "cast(null as " + type + ")"));
            }
            record.forEach((column, value) -> {
                String name = column.toLowerCase(Locale.ROOT);
                if (!types.containsKey(name)) {
                    throw PlaystreamException.permanent(where + ": Invalid column name: '" + name + "' in unit test fixture for " + fixtureName
                            + ". Accepted columns for " + fixtureName + " are: " + List.copyOf(types.keySet()));
                }
                values.put(name, "cast(" + literal(value, where) + " as " + types.get(name) + ")");
            });
            selects.add("select " + values.entrySet().stream().map(v -> v.getValue() + " as " + dialect.quote(v.getKey()))
                    .collect(Collectors.joining(", ")));
        }
        return String.join("\nunion all\n", selects);
    }

    /** A fixture value as dbt writes it: text quoted, null as null, numbers and booleans as Python prints them. */
    private static String literal(Object value, String where) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Number) {
            return String.valueOf(value);
        }
        throw PlaystreamException.permanent(where + ": the fixture value " + value + " (" + value.getClass().getSimpleName()
                + ") is not text, a number, a boolean or null; quote dates and timestamps, which YAML would otherwise read as"
                + " dates that dbt writes unquoted");
    }

    private static Map<String, String> lowerCased(Map<String, String> columns) {
        Map<String, String> lower = new LinkedHashMap<>();
        columns.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower;
    }
}
