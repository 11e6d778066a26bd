package io.playstream.warehouse.sql;

/** PostgreSQL: transactional DDL, so a swap is atomic; MERGE needs PostgreSQL 15. */
public final class PostgresDialect implements Dialect {

    @Override
    public String quote(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }
}
