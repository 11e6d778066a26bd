package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.BatchResults;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.MicrobatchConfig;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.RelationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a microbatch model batch by batch, as dbt 1.9+ does: the first batch of a new or fully
 * refreshed relation creates the table, every later batch replaces its window (deletes the
 * model's rows whose {@code event_time} is in the batch, then inserts the batch's rows, in one
 * transaction). A failing batch is recorded and the next ones still run, as in dbt.
 */
final class MicrobatchBuilder {

    private final SqlSession session;
    private final Dialect dialect;
    private final ModelCompiler compiler;
    private final boolean fullRefresh;
    private final Optional<Instant> eventTimeStart;
    private final Optional<Instant> eventTimeEnd;

    MicrobatchBuilder(SqlSession session, Dialect dialect, ModelCompiler compiler, boolean fullRefresh,
            Optional<Instant> eventTimeStart, Optional<Instant> eventTimeEnd) {
        this.session = session;
        this.dialect = dialect;
        this.compiler = compiler;
        this.fullRefresh = fullRefresh;
        this.eventTimeStart = eventTimeStart;
        this.eventTimeEnd = eventTimeEnd;
    }

    /** Builds the batches; {@code log} hears each batch's line. */
    ModelBuilder.BuildOutcome build(ModelNode model, MicrobatchConfig config, Consumer<String> log) {
        Relation target = model.relation();
        session.execute(dialect.createSchema(target.getSchema()));
        Optional<RelationType> existing = session.relationType(target);
        boolean refresh = fullRefresh && model.config().fullRefreshAllowed();
        boolean rebuild = existing.isEmpty() || existing.get() == RelationType.VIEW || refresh;
        List<MicrobatchBatch> batches = MicrobatchBatch.of(config, rebuild, Instant.now(), eventTimeStart, eventTimeEnd);
        List<List<String>> successful = new ArrayList<>();
        List<List<String>> failed = new ArrayList<>();
        PlaystreamException lastFailure = null;
        for (int i = 0; i < batches.size(); i++) {
            MicrobatchBatch batch = batches.get(i);
            String label = "batch " + MicrobatchBatch.sql(batch.start()).substring(0, 10) + " of " + target;
            try {
                String message = rebuild ? create(model, batch, existing.orElse(null)) : replace(model, config, batch);
                rebuild = false;
                successful.add(batch.isoPair());
                log.accept("Batch " + (i + 1) + " of " + batches.size() + " OK created " + label + " [" + message + "]");
            } catch (PlaystreamException e) {
                if (e.isRetriable()) {
                    throw e;
                }
                lastFailure = e;
                failed.add(batch.isoPair());
                log.accept("Batch " + (i + 1) + " of " + batches.size() + " ERROR creating " + label + ": " + e.getMessage());
            }
        }
        BatchResults results = new BatchResults(successful, failed);
        if (!failed.isEmpty() && successful.isEmpty() && lastFailure != null) {
            throw lastFailure;
        }
        // dbt's messages: SUCCESS, or PARTIAL SUCCESS (1/4) counting the successful batches
        String message = failed.isEmpty() ? "SUCCESS" : "PARTIAL SUCCESS (" + successful.size() + "/" + batches.size() + ")";
        return new ModelBuilder.BuildOutcome(message, -1, !successful.isEmpty(), results);
    }

    private String create(ModelNode model, MicrobatchBatch batch, RelationType existing) {
        Relation target = model.relation();
        Relation staged = ModelBuilder.stagedFor(target);
        dropIfExists(staged);
        session.execute(dialect.createTableAs(staged, compiler.compileBatch(model, false, batch)));
        session.inTransaction(dialect.swap(staged, target, RelationType.TABLE, existing));
        return "SELECT " + session.queryLong("select count(*) from " + target);
    }

    private String replace(ModelNode model, MicrobatchConfig config, MicrobatchBatch batch) {
        Relation target = model.relation();
        Relation staged = ModelBuilder.stagedFor(target);
        dropIfExists(staged);
        session.execute(dialect.createTableAs(staged, compiler.compileBatch(model, true, batch)));
        try {
            List<String> columns = new SchemaChanges(session, dialect).reconcile(model, staged);
            long rows = session.inTransaction(List.of(
                    "delete from " + target + " where " + batch.filter(dialect.quote(config.eventTime())),
                    dialect.insert(target, staged, columns)));
            return "INSERT " + rows;
        } finally {
            dropIfExists(staged);
        }
    }

    private void dropIfExists(Relation relation) {
        session.relationType(relation).ifPresent(type -> session.execute(dialect.drop(relation, type)));
    }
}
