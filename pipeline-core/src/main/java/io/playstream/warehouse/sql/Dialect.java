package io.playstream.warehouse.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL the runner itself writes (models' SQL is the project's): DDL to build and swap
 * relations and DML for incremental strategies. One small class per warehouse, handed out by its
 * {@link io.playstream.warehouse.Warehouse#dialect() warehouse}.
 */
public interface Dialect {

    /** A column name as DML must spell it. */
    String quote(String column);

    default String createSchema(String schema) {
        return "create schema if not exists " + schema;
    }

    default String createTableAs(RelationName relation, String sql) {
        return "create table " + relation + " as (\n" + sql + "\n)";
    }

    /**
     * The schema an incremental batch is staged in, as a temporary table (dbt-postgres and
     * dbt-duckdb stage it so too): the session's own, or {@code targetSchema} where temporary tables
     * live in a named schema. A temporary table stays out of the warehouse's log, so a micro-batch's
     * rows are logged once, when they reach the model, and a build that dies leaves none behind.
     */
    String temporarySchema(String targetSchema);

    default String createTemporaryTableAs(RelationName relation, String sql) {
        return "create temporary table " + relation + " as (\n" + sql + "\n)";
    }

    default String createViewAs(RelationName relation, String sql) {
        return "create view " + relation + " as (\n" + sql + "\n)";
    }

    /** Drops a relation of the given kind, with what depends on it. */
    default String drop(RelationName relation, RelationType type) {
        return "drop " + type.keyword() + " if exists " + relation + " cascade";
    }

    /**
     * Replaces {@code target} (of type {@code existing}, or null when absent) by the freshly built
     * {@code staged} relation of type {@code type}: one transaction, so readers never see no table.
     */
    default List<String> swap(RelationName staged, RelationName target, RelationType type, RelationType existing) {
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
    default java.util.Optional<String> createIndex(RelationName table, IndexDefinition index) {
        return java.util.Optional.of("create " + (index.unique() ? "unique " : "") + "index if not exists "
                + quote(indexName(table, index)) + " on " + table + index.type().map(t -> " using " + t).orElse("")
                + " (" + columnList(index.columns()) + ")");
    }

    /**
     * A stable name, so running the statement again builds nothing new: the table and the columns,
     * or a hash of them past the 63 characters PostgreSQL keeps. (dbt-postgres names its indexes
     * by a hash with the time in it, which cannot be run twice.)
     */
    static String indexName(RelationName table, IndexDefinition index) {
        String name = table.getIdentifier() + "__" + String.join("_", index.columns()) + (index.unique() ? "__unique" : "");
        if (name.length() <= 63) {
            return name;
        }
        String digest = md5(name);
        return table.getIdentifier().substring(0, Math.min(40, table.getIdentifier().length())) + "__idx_" + digest.substring(0, 12);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    default String insert(RelationName target, RelationName staged, List<String> columns) {
        String cols = columnList(columns);
        return "insert into " + target + " (" + cols + ")\nselect " + cols + " from " + staged;
    }

    default String deleteMatching(RelationName target, RelationName staged, List<String> keys) {
        if (keys.size() == 1) {
            String key = quote(keys.get(0));
            return "delete from " + target + " where " + key + " in (select " + key + " from " + staged + ")";
        }
        String matches = keys.stream().map(k -> staged + "." + quote(k) + " = " + target + "." + quote(k))
                .collect(Collectors.joining(" and "));
        return "delete from " + target + " where exists (select 1 from " + staged + " where " + matches + ")";
    }

    default String merge(RelationName target, RelationName staged, List<String> keys, List<String> columns) {
        String on = keys.stream().map(k -> "dbt_internal_dest." + quote(k) + " = dbt_internal_source." + quote(k))
                .collect(Collectors.joining(" and "));
        String set = columns.stream().map(c -> quote(c) + " = dbt_internal_source." + quote(c))
                .collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "dbt_internal_source." + quote(c)).collect(Collectors.joining(", "));
        return "merge into " + target + " as dbt_internal_dest\nusing " + staged + " as dbt_internal_source\non " + on
                + "\nwhen matched then update set " + set
                + "\nwhen not matched then insert (" + columnList(columns) + ") values (" + values + ")";
    }

    default String addColumn(RelationName target, String column, String type) {
        return "alter table " + target + " add column " + quote(column) + " " + type;
    }

    default String dropColumn(RelationName target, String column) {
        return "alter table " + target + " drop column " + quote(column);
    }

    default String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /**
     * The build's clock as a snapshot stamps it (dbt's {@code snapshot_get_time}): a timestamp
     * without time zone, the same value throughout one statement. PostgreSQL's and DuckDB's:
     * {@code now()}, the transaction's start, in the session's time zone.
     */
    default String snapshotTime() {
        return "now()::timestamp without time zone";
    }

    /** Settings a transform's session starts with, before its first statement; none by default. */
    default List<String> transformSessionSettings() {
        return List.of();
    }
}
