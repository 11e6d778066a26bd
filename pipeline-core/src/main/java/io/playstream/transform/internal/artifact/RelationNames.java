package io.playstream.transform.internal.artifact;

import java.util.Objects;

/**
 * How dbt's adapter names a relation in {@code relation_name}: with the database, each part
 * quoted on PostgreSQL and DuckDB ({@code "db"."silver"."stg_events"}), unquoted on Snowflake,
 * whose dbt adapter does not quote by default.
 *
 * @param adapterType dbt's adapter type ({@code postgres}, {@code duckdb}, {@code snowflake})
 * @param database the connection's database (PostgreSQL database, DuckDB catalog, Snowflake database)
 */
public record RelationNames(String adapterType, String database) {

    public RelationNames {
        Objects.requireNonNull(database, "database");
    }

    private boolean quoted() {
        return !adapterType.equals("snowflake");
    }

    public String of(String schema, String identifier) {
        return part(database) + "." + part(schema) + "." + part(identifier);
    }

    private String part(String name) {
        return quoted() ? '"' + name.replace("\"", "\"\"") + '"' : name;
    }
}
