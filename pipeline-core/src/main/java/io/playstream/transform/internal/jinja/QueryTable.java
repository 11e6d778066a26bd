package io.playstream.transform.internal.jinja;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code run_query} and {@code load_result(...)['table']} give in dbt's Jinja, the parts of
 * agate's Table that macros use: indexed rows ({@code table[0][1]}, {@code for row in table}),
 * {@code table.rows}, {@code table.columns[0].values()}, {@code table.column_names}; and the
 * statement's response ({@code SELECT 3}, {@code INSERT 0 1}). A map from row index to row (plus
 * the names {@code rows}, {@code columns}, {@code column_names}): Jinjava resolves a list's
 * attributes as indexes only, and iterates a map's values, the rows.
 */
public final class QueryTable extends AbstractMap<Object, Object> {

    private final List<String> columnNames;
    private final List<List<Object>> rows;
    private final String response;

    public QueryTable(List<String> columnNames, List<List<Object>> rows, String response) {
        this.columnNames = List.copyOf(columnNames);
        this.rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
        this.response = response;
    }

    @Override
    public Object get(Object key) {
        if (key instanceof Number n) {
            int index = n.intValue() < 0 ? rows.size() + n.intValue() : n.intValue();
            return index >= 0 && index < rows.size() ? rows.get(index) : null;
        }
        return switch (String.valueOf(key)) {
            case "rows" -> rows;
            case "columns" -> getColumns();
            case "column_names" -> columnNames;
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        Set<Entry<Object, Object>> entries = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            entries.add(new SimpleImmutableEntry<>(i, rows.get(i)));
        }
        return entries;
    }

    @Override
    public String toString() {
        return rows.toString();
    }

    public List<List<Object>> getRows() {
        return rows;
    }

    public List<String> getColumn_names() {
        return columnNames;
    }

    public List<Column> getColumns() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < columnNames.size(); i++) {
            int index = i;
            columns.add(new Column(columnNames.get(i), rows.stream().map(r -> r.get(index)).toList()));
        }
        return columns;
    }

    /** The adapter's response to the statement, as dbt's {@code load_result(...)['response']} prints. */
    public String response() {
        return response;
    }

    /** One of agate's columns: its name and {@code values()}. */
    public static final class Column {
        private final String name;
        private final List<Object> values;

        Column(String name, List<Object> values) {
            this.name = name;
            this.values = values;
        }

        public String getName() {
            return name;
        }

        public List<Object> values() {
            return values;
        }
    }
}
