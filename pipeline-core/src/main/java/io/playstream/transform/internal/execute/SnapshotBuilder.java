package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.SnapshotSettings;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.RelationType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dbt snapshot} for one snapshot, as dbt's snapshot materialization: the first build creates
 * the table; a later one stages the changes ({@link SnapshotSql}), adds columns the query gained,
 * ends the replaced versions and inserts the new ones in one transaction. A snapshot is never
 * dropped or rebuilt, not even by {@code --full-refresh} (its history exists nowhere else).
 */
final class SnapshotBuilder {

    private final SqlSession session;
    private final Dialect dialect;

    SnapshotBuilder(SqlSession session, Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    ModelBuilder.BuildOutcome build(ModelNode snapshot, String query, RelationType existing) {
        SnapshotSettings settings = SnapshotSettings.of(snapshot.config(), snapshot.path());
        SnapshotSql sql = new SnapshotSql(settings, dialect);
        Relation target = snapshot.relation();
        if (existing == null) {
            session.execute(dialect.createTableAs(target, sql.create(query)));
            long rows = session.queryLong("select count(*) from " + target);
            return new ModelBuilder.BuildOutcome("SELECT " + rows, rows, true);
        }
        if (existing != RelationType.TABLE) {
            throw PlaystreamException.permanent(snapshot.path() + ": " + target + " is a " + existing.keyword()
                    + ", not the table a snapshot keeps; drop it to let the snapshot create its table");
        }
        Map<String, String> targetColumns = session.columns(target);
        requireSnapshotColumns(snapshot, settings, targetColumns.keySet());
        Map<String, String> queryColumns = session.columnsOf("select * from (\n" + query + "\n) snapshot_query where 1 = 0", snapshot.path());
        String rowChanged = settings.strategy().equals("timestamp") ? sql.timestampChanged() : checkChanged(settings, query, queryColumns,
                targetColumns.keySet(), snapshot.path());
        Relation staged = ModelBuilder.stagedFor(target);
        dropIfExists(staged);
        session.execute(dialect.createTableAs(staged, sql.staging(query, target, rowChanged, new ArrayList<>(queryColumns.keySet()),
                targetColumns.keySet())));
        try {
            Map<String, String> stagedColumns = session.columns(staged);
            List<String> inserted = new ArrayList<>();
            List<String> statements = new ArrayList<>();
            stagedColumns.forEach((column, type) -> {
                if (!sql.steering(column)) {
                    inserted.add(dialect.quote(column));
                    if (!targetColumns.containsKey(column)) {
                        statements.add(dialect.addColumn(target, column, type)); // the query gained a column
                    }
                }
            });
            statements.add(sql.closeReplaced(target, staged));
            statements.add(sql.insertNew(target, staged, inserted));
            long rows = session.inTransaction(statements);
            return new ModelBuilder.BuildOutcome("INSERT 0 " + rows, rows, true);
        } finally {
            dropIfExists(staged);
        }
    }

    /**
     * The check strategy's change over the check columns the snapshot has; any row changed when the
     * query has one it lacks (dbt's rule: a new column is a change for every key).
     */
    private String checkChanged(SnapshotSettings settings, String query, Map<String, String> queryColumns, Set<String> targetColumns,
            String file) {
        Set<String> checked = settings.checkAll() ? queryColumns.keySet()
                : session.columnsOf("select " + String.join(", ", settings.checkCols()) + " from (\n" + query + "\n) subq where 1 = 0",
                        file + " check_cols").keySet();
        List<String> compared = new ArrayList<>();
        boolean added = false;
        for (String column : new LinkedHashSet<>(checked)) {
            if (targetColumns.contains(column)) {
                compared.add(dialect.quote(column));
            } else {
                added = true;
            }
        }
        return SnapshotSql.checkChanged(compared, added);
    }

    /** dbt's check before a snapshot runs on an existing table: its columns must be there. */
    private static void requireSnapshotColumns(ModelNode snapshot, SnapshotSettings settings, Set<String> columns) {
        SnapshotSettings.Columns names = settings.columns();
        List<String> missing = new ArrayList<>();
        for (String column : List.of(names.validFrom(), names.validTo(), names.scdId(), names.updatedAt())) {
            if (columns.stream().noneMatch(column::equalsIgnoreCase)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw PlaystreamException.permanent(snapshot.path() + ": Snapshot target is missing configured columns " + missing
                    + " of " + snapshot.relation() + " (it is not a snapshot table, or snapshot_meta_column_names changed)");
        }
    }

    private void dropIfExists(Relation relation) {
        session.relationType(relation).ifPresent(type -> session.execute(dialect.drop(relation, type)));
    }
}
