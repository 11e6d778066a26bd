package io.playstream.transform.sql;

import io.playstream.transform.jinja.Relation;
import io.playstream.transform.project.TableIndex;
import io.playstream.warehouse.WarehouseKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL the runner itself writes (models' SQL is the project's): DDL to build and swap
 * relations and DML for incremental strategies. One small class per warehouse.
 */
public interface Dialect {

    static Dialect of(WarehouseKind kind) {
        return switch (kind) {
            case DUCKDB -> new DuckDbDialect();
            case POSTGRES -> new PostgresDialect();
            case SNOWFLAKE -> new SnowflakeDialect();
        };
    }

    /**
     * A statement that makes this session wait for, then hold, the warehouse's transform lock until
     * the connection closes, so two runs (a scheduled job and a manual one) never swap the same
     * relations at once; empty where the warehouse serialises writers itself.
     */
    default java.util.Optional<String> runLock() {
        return java.util.Optional.empty();
    }

    /** A column name as DML must spell it. */
    String quote(String column);

    default String createSchema(String schema) {
        return "create schema if not exists " + schema;
    }

    default String createTableAs(Relation relation, String sql) {
        return "create table " + relation + " as (\n" + sql + "\n)";
    }

    default String createViewAs(Relation relation, String sql) {
        return "create view " + relation + " as (\n" + sql + "\n)";
    }

    /** Drops a relation of the given kind, with what depends on it. */
    default String drop(Relation relation, RelationType type) {
        return "drop " + type.keyword() + " if exists " + relation + " cascade";
    }

    /**
     * Replaces {@code target} (of type {@code existing}, or null when absent) by the freshly built
     * {@code staged} relation of type {@code type}: one transaction, so readers never see no table.
     */
    default List<String> swap(Relation staged, Relation target, RelationType type, RelationType existing) {
        List<String> statements = new java.util.ArrayList<>();
        if (existing != null) {
            statements.add(drop(target, existing));
        }
        statements.add("alter " + type.keyword() + " " + staged + " rename to " + target.getIdentifier());
        return statements;
    }

    /**
     * The statement building a declared index (dbt-postgres' {@code indexes} config) on a table just
     * created, or empty where the warehouse has no secondary indexes.
     */
    default java.util.Optional<String> createIndex(Relation table, TableIndex index) {
        return java.util.Optional.of("create " + (index.unique() ? "unique " : "") + "index if not exists "
                + quote(indexName(table, index)) + " on " + table + index.type().map(t -> " using " + t).orElse("")
                + " (" + columnList(index.columns()) + ")");
    }

    /**
     * A stable name, so running the statement again builds nothing new: the table and the columns,
     * or a hash of them past the 63 characters PostgreSQL keeps. (dbt-postgres names its indexes
     * by a hash with the time in it, which cannot be run twice.)
     */
    static String indexName(Relation table, TableIndex index) {
        String name = table.getIdentifier() + "__" + String.join("_", index.columns()) + (index.unique() ? "__unique" : "");
        if (name.length() <= 63) {
            return name;
        }
        String digest = io.playstream.transform.project.Digests.md5(name);
        return table.getIdentifier().substring(0, Math.min(40, table.getIdentifier().length())) + "__idx_" + digest.substring(0, 12);
    }

    default String insert(Relation target, Relation staged, List<String> columns) {
        String cols = columnList(columns);
        return "insert into " + target + " (" + cols + ")\nselect " + cols + " from " + staged;
    }

    default String deleteMatching(Relation target, Relation staged, List<String> keys) {
        if (keys.size() == 1) {
            String key = quote(keys.get(0));
            return "delete from " + target + " where " + key + " in (select " + key + " from " + staged + ")";
        }
        String matches = keys.stream().map(k -> staged + "." + quote(k) + " = " + target + "." + quote(k))
                .collect(Collectors.joining(" and "));
        return "delete from " + target + " where exists (select 1 from " + staged + " where " + matches + ")";
    }

    default String merge(Relation target, Relation staged, List<String> keys, List<String> columns) {
        String on = keys.stream().map(k -> "dbt_internal_dest." + quote(k) + " = dbt_internal_source." + quote(k))
                .collect(Collectors.joining(" and "));
        String set = columns.stream().map(c -> quote(c) + " = dbt_internal_source." + quote(c))
                .collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "dbt_internal_source." + quote(c)).collect(Collectors.joining(", "));
        return "merge into " + target + " as dbt_internal_dest\nusing " + staged + " as dbt_internal_source\non " + on
                + "\nwhen matched then update set " + set
                + "\nwhen not matched then insert (" + columnList(columns) + ") values (" + values + ")";
    }

    default String addColumn(Relation target, String column, String type) {
        return "alter table " + target + " add column " + quote(column) + " " + type;
    }

    default String dropColumn(Relation target, String column) {
        return "alter table " + target + " drop column " + quote(column);
    }

    default String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }
}
