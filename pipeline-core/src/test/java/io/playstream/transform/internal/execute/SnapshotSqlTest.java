package io.playstream.transform.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.NodeConfig;
import io.playstream.transform.internal.project.SnapshotSettings;
import io.playstream.warehouse.sql.PostgresDialect;
import io.playstream.warehouse.sql.SnowflakeDialect;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's statements as text: dbt's version-id recipe and clock per warehouse, and the
 * Snowflake statements, which cannot run here ({@code SnapshotsIT} runs the others on DuckDB and
 * PostgreSQL, {@code RealDbtConformanceIT} holds them to real dbt).
 */
class SnapshotSqlTest {

    private static final Relation TARGET = new Relation("gold", "profiles_snapshot");
    private static final Relation STAGED = new Relation("gold", "profiles_snapshot__dbt_tmp");

    private static SnapshotSettings settings(Map<String, Object> config) {
        return SnapshotSettings.of(new NodeConfig(config), "snapshots/s.sql");
    }

    @Test
    void theVersionIdIsDbtsHashOfKeyAndUpdatedAtAndTheCheckStrategyWithoutUpdatedAtStampsTheWarehouseClock() {
        SnapshotSql byTime = new SnapshotSql(settings(Map.of("strategy", "timestamp", "unique_key", "user_id", "updated_at", "last_seen_at")),
                new PostgresDialect());
        assertThat(byTime.create("select 1")).contains(
                "md5(coalesce(cast(user_id as varchar), '') || '|' || coalesce(cast(last_seen_at as varchar), '')) as dbt_scd_id",
                "last_seen_at as dbt_updated_at", "last_seen_at as dbt_valid_from",
                "coalesce(nullif(last_seen_at, last_seen_at), null) as dbt_valid_to");
        SnapshotSql byCheck = new SnapshotSql(settings(Map.of("strategy", "check", "unique_key", List.of("a", "b"), "check_cols", "all")),
                new SnowflakeDialect());
        String clock = "to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))";
        assertThat(byCheck.create("select 1")).contains("md5(coalesce(cast(a as varchar), '') || '|' || coalesce(cast(b as varchar), '') || '|' "
                + "|| coalesce(cast(" + clock + " as varchar), '')) as dbt_scd_id", clock + " as dbt_valid_from");
        assertThat(new PostgresDialect().snapshotTime()).isEqualTo("now()::timestamp without time zone");
    }

    @Test
    void snowflakeEndsReplacedVersionsAndInsertsNewOnesWithUnquotedNames() {
        SnapshotSql sql = new SnapshotSql(settings(Map.of("strategy", "timestamp", "unique_key", "id", "updated_at", "u",
                "dbt_valid_to_current", "'9999-12-31'::timestamp", "snapshot_meta_column_names", Map.of("dbt_valid_to", "valid_to"))),
                new SnowflakeDialect());
        assertThat(sql.closeReplaced(TARGET, STAGED)).isEqualTo("update gold.profiles_snapshot as dbt_internal_dest\n"
                + "set valid_to = dbt_internal_source.valid_to\n"
                + "from gold.profiles_snapshot__dbt_tmp as dbt_internal_source\n"
                + "where dbt_internal_source.dbt_scd_id = dbt_internal_dest.dbt_scd_id\n"
                + "  and dbt_internal_source.dbt_change_type in ('update', 'delete')\n"
                + "  and ((dbt_internal_dest.valid_to = '9999-12-31'::timestamp) or dbt_internal_dest.valid_to is null)");
        assertThat(sql.insertNew(TARGET, STAGED, List.of("id", "u", "dbt_scd_id"))).isEqualTo("insert into gold.profiles_snapshot (id, u, dbt_scd_id)\n"
                + "select dbt_internal_source.id, dbt_internal_source.u, dbt_internal_source.dbt_scd_id\n"
                + "from gold.profiles_snapshot__dbt_tmp as dbt_internal_source\nwhere dbt_internal_source.dbt_change_type = 'insert'");
        assertThat(sql.staging("select * from raw.c", TARGET, sql.timestampChanged(), List.of("id", "u"), Set.of("id", "u")))
                .contains("where ((valid_to = '9999-12-31'::timestamp) or valid_to is null)", "(snapshotted_data.dbt_valid_from < source_data.u)")
                .doesNotContain("deletes as");
        assertThat(sql.steering("DBT_UNIQUE_KEY_2")).isTrue();
        assertThat(sql.steering("dbt_scd_id")).isFalse();
    }
}
