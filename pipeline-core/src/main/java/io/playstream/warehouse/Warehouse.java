package io.playstream.warehouse;

import java.sql.Connection;

/**
 * The port to a warehouse: DuckDB (embedded default), PostgreSQL or Snowflake. It hands out JDBC
 * connections; loaders and the transform runner speak each dialect through it.
 */
public interface Warehouse extends AutoCloseable {

    /** Which warehouse this is: decides dialect and dbt's {@code target.type}. */
    WarehouseKind kind();

    /**
     * A new connection in auto-commit mode; the caller closes it. Failures are
     * {@link io.playstream.PlaystreamException}s (retriable when the server may come back).
     */
    Connection connect();

    /** Where the warehouse is, for logs and errors: never includes a secret. */
    String describe();

    @Override
    default void close() {
    }
}
