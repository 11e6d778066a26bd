package io.playstream.warehouse.sql;

/** DuckDB: standard DDL, {@code alter ... rename}, and MERGE (DuckDB 1.4 and later). */
public final class DuckDbDialect implements Dialect {

    @Override
    public String quote(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }
}
