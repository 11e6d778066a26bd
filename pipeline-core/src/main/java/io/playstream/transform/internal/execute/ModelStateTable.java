package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.jinja.Relation;
import io.playstream.warehouse.sql.Dialect;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The warehouse table of {@link NodeState}s, {@code <target schema>._playstream_model_state}: in
 * the warehouse beside the models, so every runner on that warehouse (another app instance, a
 * JobRunr worker, the CLI) sees the same state, and it is read and written under the run lock.
 * Plain SQL, the same on DuckDB, PostgreSQL and Snowflake.
 */
final class ModelStateTable {

    static final String NAME = "_playstream_model_state";

    private final SqlSession session;
    private final Dialect dialect;
    private final Relation table;

    ModelStateTable(SqlSession session, Dialect dialect, String schema) {
        this.session = session;
        this.dialect = dialect;
        this.table = new Relation(schema, NAME);
    }

    /** Creates the table when missing and reads every node's state. */
    Map<String, NodeState> read() {
        session.execute(dialect.createSchema(table.getSchema()));
        session.execute("create table if not exists " + table + " (node_id varchar, checksum varchar, inputs varchar,"
                + " output_version varchar, recorded_at timestamp)");
        Map<String, NodeState> states = new HashMap<>();
        for (List<String> row : session.queryRows("select node_id, checksum, inputs, output_version from " + table)) {
            states.put(row.get(0), new NodeState(row.get(1), NodeState.parseInputs(row.get(2)), row.get(3)));
        }
        return states;
    }

    /** Replaces these nodes' states, in one transaction. */
    void write(Map<String, NodeState> nodes) {
        session.inTransaction(() -> {
            nodes.forEach((nodeId, state) -> {
                session.execute("delete from " + table + " where node_id = ?", List.of(nodeId));
                session.execute("insert into " + table + " (node_id, checksum, inputs, output_version, recorded_at)"
                        + " values (?, ?, ?, ?, current_timestamp)", java.util.Arrays.asList(nodeId, state.checksum(),
                                state.inputsText(), state.outputVersion()));
            });
            return null;
        });
    }
}
