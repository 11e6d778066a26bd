package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.warehouse.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * dbt's {@code on_schema_change} for an incremental batch whose columns differ from the table's:
 * {@code ignore} (insert the table's columns), {@code fail}, {@code append_new_columns} or
 * {@code sync_all_columns}. Returns the columns to write.
 */
final class SchemaChanges {

    private final SqlSession session;
    private final Dialect dialect;
    private boolean altered;

    SchemaChanges(SqlSession session, Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    List<String> reconcile(ModelNode model, Relation staged) {
        Relation target = model.relation();
        Map<String, String> existing = session.columns(target);
        Map<String, String> incoming = session.columns(staged);
        List<String> added = missingFrom(incoming, existing);
        List<String> removed = missingFrom(existing, incoming);
        String mode = model.config().onSchemaChange();
        if (added.isEmpty() && removed.isEmpty() || mode.equals("ignore")) {
            return new ArrayList<>(existing.keySet()).stream().filter(c -> contains(incoming, c)).toList();
        }
        switch (mode) {
            case "fail" -> throw PlaystreamException.permanent(model.path() + ": The source and target schemas on this "
                    + "incremental model are out of sync (new columns " + added + ", removed columns " + removed
                    + "); on_schema_change is 'fail'");
            case "append_new_columns" -> {
                added.forEach(c -> session.execute(dialect.addColumn(target, c, incoming.get(c))));
                altered = !added.isEmpty();
            }
            case "sync_all_columns" -> {
                altered = true;
                added.forEach(c -> session.execute(dialect.addColumn(target, c, incoming.get(c))));
                removed.forEach(c -> session.execute(dialect.dropColumn(target, c)));
            }
            default -> throw PlaystreamException.permanent(model.path() + ": unsupported on_schema_change '" + mode + "'");
        }
        return session.columnNames(target).stream().filter(c -> contains(incoming, c)).toList();
    }

    /** Whether {@link #reconcile} added or dropped a column of the table. */
    boolean altered() {
        return altered;
    }

    private static List<String> missingFrom(Map<String, String> from, Map<String, String> other) {
        return from.keySet().stream().filter(c -> !contains(other, c)).toList();
    }

    private static boolean contains(Map<String, String> columns, String column) {
        return columns.keySet().stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT)));
    }
}
