package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.jinja.QueryRunner;
import io.playstream.transform.internal.jinja.QueryTable;
import java.util.function.Consumer;

/** Jinja's queries ({@code run_query}, {@code statement}) on the run's session; {@code log(..., info=True)} on its console. */
final class SessionQueries implements QueryRunner {

    private final SqlSession session;
    private final Consumer<String> console;

    SessionQueries(SqlSession session, Consumer<String> console) {
        this.session = session;
        this.console = console;
    }

    @Override
    public QueryTable run(String sql) {
        return session.query(sql);
    }

    @Override
    public void log(String message) {
        console.accept(message);
    }
}
