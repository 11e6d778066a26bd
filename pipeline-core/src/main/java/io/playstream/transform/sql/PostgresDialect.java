package io.playstream.transform.sql;

import io.playstream.transform.jinja.Relation;

/** PostgreSQL: transactional DDL, so a swap is atomic; MERGE needs PostgreSQL 15. */
public final class PostgresDialect implements Dialect {

    /** The advisory lock key of transform runs (any constant both runs agree on). */
    static final long RUN_LOCK_KEY = 0x706c617973L;

    @Override
    public java.util.Optional<String> runLock() {
        return java.util.Optional.of("select pg_advisory_lock(" + RUN_LOCK_KEY + ")");
    }

    @Override
    public String quote(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }
}
