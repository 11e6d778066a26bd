package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.warehouse.sql.Dialect;
import java.util.List;

/**
 * Applies a staged incremental batch to its table: {@code merge}, {@code delete+insert} or
 * {@code append}. Without a configured strategy, as dbt-postgres and dbt-duckdb do:
 * delete+insert when there is a {@code unique_key}, else append.
 */
final class IncrementalStrategy {

    private final SqlSession session;
    private final Dialect dialect;

    IncrementalStrategy(SqlSession session, Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    ModelBuilder.BuildOutcome apply(ModelNode model, Relation staged, List<String> columns) {
        List<String> keys = model.config().uniqueKey();
        String strategy = model.config().incrementalStrategy().orElse(keys.isEmpty() ? "append" : "delete+insert");
        Relation target = model.relation();
        return switch (strategy) {
            case "append" -> inserted(session.execute(dialect.insert(target, staged, columns)));
            case "delete+insert" -> {
                if (keys.isEmpty()) {
                    yield inserted(session.execute(dialect.insert(target, staged, columns)));
                }
                yield inserted(session.inTransaction(List.of(
                        dialect.deleteMatching(target, staged, keys), dialect.insert(target, staged, columns))));
            }
            case "merge" -> {
                if (keys.isEmpty()) {
                    throw PlaystreamException.permanent(model.path() + ": incremental_strategy 'merge' needs a unique_key");
                }
                long merged = session.execute(dialect.merge(target, staged, keys, columns));
                yield ModelBuilder.BuildOutcome.ofBatch("MERGE " + merged, merged);
            }
            default -> throw PlaystreamException.permanent(model.path() + ": unsupported incremental_strategy '" + strategy + "'");
        };
    }

    private static ModelBuilder.BuildOutcome inserted(long rows) {
        return ModelBuilder.BuildOutcome.ofBatch("INSERT 0 " + rows, rows);
    }
}
