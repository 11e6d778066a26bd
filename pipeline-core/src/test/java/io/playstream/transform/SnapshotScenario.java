package io.playstream.transform;

import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A small project of snapshots over one source table, and the changes made to the table between
 * builds: every strategy and hard-delete mode, a list key, dbt_valid_to_current and renamed meta
 * columns, over inserts, changes, an unchanged build, a delete, a key that comes back and a column
 * the source gains. {@link SnapshotsIT} runs it with the runner on DuckDB and PostgreSQL,
 * {@link RealDbtConformanceIT} with real dbt and the runner side by side.
 *
 * <p>Snapshots as {@code {% snapshot %}} blocks, configured in the block or in YAML: the
 * {@code relation:} form is parsed by a Rust extension that the real dbt at hand may lack, so
 * {@link SnapshotsIT} holds that form to the block form instead.
 */
final class SnapshotScenario {

    static final String T1 = "2025-03-01 10:00:00";
    static final String T2 = "2025-03-02 11:30:00";
    static final String T3 = "2025-03-03 12:00:00";
    static final String T4 = "2025-03-04 08:15:00";

    /** Each snapshot with its key column and its dbt_updated_at and dbt_scd_id columns. */
    record Snapshot(String name, String key, String updatedAt, String scdId) {
    }

    static final List<Snapshot> SNAPSHOTS = List.of(
            new Snapshot("customers_by_time", "id", "dbt_updated_at", "dbt_scd_id"),
            new Snapshot("customers_by_check", "id", "dbt_updated_at", "dbt_scd_id"),
            new Snapshot("customers_all_columns", "id", "dbt_updated_at", "dbt_scd_id"),
            new Snapshot("customers_renamed", "id", "changed_at", "version_id"));

    /** The source's changes before each build: the first creates it. */
    static final List<List<String>> STEPS = List.of(
            List.of("create schema raw",
                    "create table raw.customers (id integer, name varchar(20), tier varchar(20), updated_at timestamp)",
                    "insert into raw.customers values (1, 'ann', 'gold', '" + T1 + "'), (2, 'bob', 'silver', '" + T1 + "'), "
                            + "(3, 'cy', null, '" + T1 + "')"),
            // a change, a delete, a new key
            List.of("update raw.customers set tier = 'platinum', updated_at = '" + T2 + "' where id = 1",
                    "delete from raw.customers where id = 3",
                    "insert into raw.customers values (4, 'dee', 'gold', '" + T2 + "')"),
            // nothing changed
            List.of(),
            // the deleted key comes back, with a tier where it had none
            List.of("insert into raw.customers values (3, 'cy', 'bronze', '" + T3 + "')"),
            // the source gains a column
            List.of("alter table raw.customers add column region varchar(10)",
                    "update raw.customers set region = 'eu', updated_at = '" + T4 + "' where id = 2"));

    private SnapshotScenario() {
    }

    /**
     * Writes the project; {@code yamlRelation} defines customers_by_check with dbt 1.9's {@code relation:}
     * instead of a block, and builds the snapshots in schema {@code <target>_history_yaml}, not {@code <target>_history}.
     */
    static Path project(Path project, boolean yamlRelation) {
        SampleProject.write(project, "dbt_project.yml", """
                name: snaps
                version: "1.0.0"
                config-version: 2
                profile: snaps
                snapshots:
                  snaps:
                    +schema: history""" + (yamlRelation ? "_yaml" : "") + "\n");
        SampleProject.write(project, "profiles.yml", """
                snaps:
                  target: "{{ env_var('DBT_TARGET', 'duckdb') }}"
                  outputs:
                    duckdb:
                      type: duckdb
                      schema: main
                    postgres:
                      type: postgres
                      host: "{{ env_var('PGHOST', '127.0.0.1') }}"
                      port: 5432
                      user: "{{ env_var('PGUSER', 'postgres') }}"
                      password: ""
                      dbname: "{{ env_var('PGDATABASE', 'postgres') }}"
                      schema: public
                      threads: 1
                """);
        SampleProject.write(project, "models/_sources.yml", """
                version: 2
                sources:
                  - name: raw
                    tables:
                      - name: customers
                """);
        SampleProject.write(project, "models/current_customers.sql", """
                {{ config(materialized='table') }}
                select id, name, tier from {{ ref('customers_by_time') }} where dbt_valid_to is null
                """);
        SampleProject.write(project, "snapshots/customers_by_time.sql", """
                {% snapshot customers_by_time %}
                {{ config(strategy='timestamp', unique_key='id', updated_at='updated_at') }}
                select * from {{ source('raw', 'customers') }}
                {% endsnapshot %}
                """);
        SampleProject.write(project, "snapshots/more.sql", """
                {% snapshot customers_all_columns %}
                select * from {{ source('raw', 'customers') }}
                {% endsnapshot %}

                {% snapshot customers_renamed %}
                select * from {{ source('raw', 'customers') }}
                {% endsnapshot %}
                """ + (yamlRelation ? "" : """

                {% snapshot customers_by_check %}
                select * from {{ source('raw', 'customers') }}
                {% endsnapshot %}
                """));
        SampleProject.write(project, "snapshots/_snapshots.yml", """
                version: 2
                snapshots:
                  - name: customers_by_check
                """ + (yamlRelation ? "    relation: source('raw', 'customers')\n" : "") + """
                    config:
                      strategy: check
                      unique_key: id
                      check_cols: ['name', 'tier']
                      hard_deletes: invalidate
                    columns:
                      - name: dbt_scd_id
                        data_tests: [unique, not_null]
                  - name: customers_all_columns
                    config:
                      strategy: check
                      unique_key: ['id']
                      check_cols: all
                      hard_deletes: new_record
                  - name: customers_renamed
                    config:
                      strategy: timestamp
                      unique_key: id
                      updated_at: updated_at
                      hard_deletes: new_record
                      dbt_valid_to_current: "cast('9999-12-31' as timestamp)"
                      snapshot_meta_column_names:
                        dbt_valid_from: valid_from
                        dbt_valid_to: valid_to
                        dbt_scd_id: version_id
                        dbt_updated_at: changed_at
                        dbt_is_deleted: is_deleted
                """);
        return project;
    }

    static void applyStep(Warehouse warehouse, int step) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            for (String sql : STEPS.get(step)) {
                s.execute(sql);
            }
        }
    }

    /**
     * A snapshot's rows, comparable between two builds at different times: a timestamp that is not
     * the data's (the build's clock) becomes {@code clock<n>}, n its rank among them, and the version
     * id {@code recipe} where it is dbt's hash of key and dbt_updated_at, else {@code other} (a
     * deleted marker's: the hash of the version it ends and the clock).
     */
    static List<String> rows(Warehouse warehouse, String schema, Snapshot snapshot) throws Exception {
        String recipe = "md5(coalesce(cast(" + snapshot.key() + " as varchar), '') || '|' || coalesce(cast(" + snapshot.updatedAt()
                + " as varchar), ''))";
        List<Map<String, String>> rows = new ArrayList<>();
        TreeSet<String> clocks = new TreeSet<>();
        List<String> data = List.of(T1, T2, T3, T4, "9999-12-31 00:00:00");
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select t.*, case when " + snapshot.scdId() + " = " + recipe
                        + " then 'recipe' else 'other' end as scd_recipe from " + schema + "." + snapshot.name() + " t")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                    Object value = rs.getObject(i);
                    String text = value == null ? "null" : value instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString().replace('T', ' ')
                            : value instanceof java.time.LocalDateTime t ? t.toString().replace('T', ' ') : value.toString();
                    if (text.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d(:\\d\\d.*)?")) {
                        text = text.length() == 16 ? text + ":00" : text;
                        if (!data.contains(text)) {
                            clocks.add(text);
                        }
                    }
                    if (!column.equals(snapshot.scdId())) {
                        row.put(column, text);
                    }
                }
                rows.add(row);
            }
        }
        List<String> ranked = new ArrayList<>(clocks);
        List<String> result = new ArrayList<>();
        for (Map<String, String> row : rows) {
            row.replaceAll((column, value) -> clocks.contains(value) ? "clock" + (ranked.indexOf(value) + 1) : value);
            result.add(row.toString());
        }
        result.sort(null);
        return result;
    }
}
