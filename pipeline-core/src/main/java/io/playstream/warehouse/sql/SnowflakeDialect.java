package io.playstream.warehouse.sql;

import java.util.List;

/**
 * Snowflake: unquoted names (it folds them to upper case, as the project's SQL expects),
 * {@code alter table ... swap with} for an atomic table swap, and {@code create or replace view}.
 */
public final class SnowflakeDialect implements Dialect {

    @Override
    public String quote(String column) {
        return column;
    }

    /** Snowflake has no secondary indexes; dbt-snowflake ignores {@code indexes} too (clustering is its own config). */
    @Override
    public java.util.Optional<String> createIndex(RelationName table, IndexDefinition index) {
        return java.util.Optional.empty();
    }

    /** Snowflake's temporary tables live in a named schema, as dbt-snowflake creates them. */
    @Override
    public String temporarySchema(String targetSchema) {
        return targetSchema;
    }

    @Override
    public String createViewAs(RelationName relation, String sql) {
        return "create or replace view " + relation + " as (\n" + sql + "\n)";
    }

    @Override
    public List<String> swap(RelationName staged, RelationName target, RelationType type, RelationType existing) {
        if (type == RelationType.TABLE && existing == RelationType.TABLE) {
            return List.of("alter table " + staged + " swap with " + target, drop(staged, RelationType.TABLE));
        }
        // Snowflake renames an unqualified target into the session's schema: qualify it
        List<String> statements = new java.util.ArrayList<>();
        if (existing != null) {
            statements.add(drop(target, existing));
        }
        statements.add("alter " + type.keyword() + " " + staged + " rename to " + target);
        return statements;
    }

    /** dbt-snowflake's snapshot clock: UTC, without time zone. */
    @Override
    public String snapshotTime() {
        return "to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))";
    }
}
