package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.BatchResults;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.TableIndex;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.RelationType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds one model in the warehouse by its materialization. Tables and views are built under a
 * temporary name and swapped in one transaction, so a failed build leaves the old relation; an
 * incremental batch is staged in a temporary table ({@link Dialect#temporarySchema}).
 */
final class ModelBuilder {

    static final String STAGED_SUFFIX = "__dbt_tmp";

    private final SqlSession session;
    private final Dialect dialect;
    private final boolean fullRefresh;

    ModelBuilder(SqlSession session, Dialect dialect, boolean fullRefresh) {
        this.session = session;
        this.dialect = dialect;
        this.fullRefresh = fullRefresh;
    }

    /**
     * Builds the model.
     *
     * @param compile the model's SQL for {@code is_incremental()} false or true
     */
    BuildOutcome build(ModelNode model, Function<Boolean, String> compile) {
        Relation target = model.relation();
        session.execute(dialect.createSchema(target.getSchema()));
        Optional<RelationType> existing = session.relationType(target);
        return switch (model.config().materialization()) {
            case VIEW -> view(target, compile.apply(false), existing.orElse(null));
            case TABLE -> table(model, compile.apply(false), existing.orElse(null));
            case INCREMENTAL -> incremental(model, compile, existing.orElse(null));
            case SEED -> new SeedLoader(session, dialect, fullRefresh).load(model, existing.orElse(null));
            case SNAPSHOT -> new SnapshotBuilder(session, dialect).build(model, compile.apply(false), existing.orElse(null));
            case EPHEMERAL -> throw PlaystreamException.permanent(model.path() + ": unsupported materialization 'ephemeral'");
        };
    }

    private BuildOutcome view(Relation target, String sql, RelationType existing) {
        Relation staged = stagedFor(target);
        dropIfExists(staged);
        session.execute(dialect.createViewAs(staged, sql));
        session.inTransaction(dialect.swap(staged, target, RelationType.VIEW, existing));
        return new BuildOutcome("CREATE VIEW", -1, true);
    }

    private BuildOutcome table(ModelNode model, String sql, RelationType existing) {
        Relation target = model.relation();
        Relation staged = stagedFor(target);
        dropIfExists(staged);
        try {
            session.execute(dialect.createTableAs(staged, sql));
        } catch (RuntimeException e) {
            dropIfExists(staged);
            throw e;
        }
        session.inTransaction(dialect.swap(staged, target, RelationType.TABLE, existing));
        createDeclaredIndexes(model);
        long rows = session.queryLong("select count(*) from " + target);
        return new BuildOutcome("SELECT " + rows, rows, true);
    }

    private BuildOutcome incremental(ModelNode model, Function<Boolean, String> compile, RelationType existing) {
        boolean refresh = fullRefresh && model.config().fullRefreshAllowed();
        Relation target = model.relation();
        if (existing == null || existing == RelationType.VIEW || refresh) {
            return table(model, compile.apply(false), existing);
        }
        Relation staged = new Relation(dialect.temporarySchema(target.getSchema()), target.getIdentifier() + STAGED_SUFFIX);
        String dropStaged = dialect.drop(staged, RelationType.TABLE);
        session.execute(dropStaged); // left by a build that failed earlier in this session
        session.execute(dialect.createTemporaryTableAs(staged, compile.apply(true)));
        try {
            SchemaChanges changes = new SchemaChanges(session, dialect);
            List<String> columns = changes.reconcile(model, staged);
            BuildOutcome applied = new IncrementalStrategy(session, dialect).apply(model, staged, columns);
            return changes.altered() ? applied.withRowsChanged() : applied;
        } finally {
            session.execute(dropStaged);
        }
    }

    /**
     * The model's declared {@code indexes}, on the table just created, as dbt-postgres builds them
     * (after a table is created, never on an incremental run): nothing is indexed unless declared.
     * After the swap, since DuckDB cannot rename a table that has an index.
     */
    private void createDeclaredIndexes(ModelNode model) {
        for (TableIndex index : model.config().indexes(model.path())) {
            dialect.createIndex(model.relation(), index).ifPresent(session::execute);
        }
    }

    private void dropIfExists(Relation relation) {
        session.relationType(relation).ifPresent(type -> session.execute(dialect.drop(relation, type)));
    }

    static Relation stagedFor(Relation target) {
        return new Relation(target.getSchema(), target.getIdentifier() + STAGED_SUFFIX);
    }

    /**
     * What a build did: dbt's adapter response message and rows affected (-1 when not counted), and
     * whether the model's rows (or columns) may have changed: always for a rebuilt table or view, for
     * an incremental batch when it wrote a row or altered a column.
     */
    record BuildOutcome(String message, long rowsAffected, boolean rowsChanged, BatchResults batches) {

        BuildOutcome(String message, long rowsAffected, boolean rowsChanged) {
            this(message, rowsAffected, rowsChanged, null);
        }

        /** An incremental batch's outcome: it changed rows unless it counted none. */
        static BuildOutcome ofBatch(String message, long rowsAffected) {
            return new BuildOutcome(message, rowsAffected, rowsAffected != 0);
        }

        BuildOutcome withRowsChanged() {
            return new BuildOutcome(message, rowsAffected, true, batches);
        }
    }
}
