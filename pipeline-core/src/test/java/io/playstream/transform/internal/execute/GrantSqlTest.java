package io.playstream.transform.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.Grants;
import io.playstream.transform.internal.project.ModelHooks;
import io.playstream.transform.internal.project.NodeConfig;
import io.playstream.warehouse.sql.DuckDbDialect;
import io.playstream.warehouse.sql.PostgresDialect;
import io.playstream.warehouse.sql.SnowflakeDialect;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Grants and hooks as configs and as statements: dbt's merge of levels ({@code +select} adds
 * grantees, hooks add up), the revokes and grants {@code apply_grants} runs (dbt's
 * {@code diff_of_two_dicts} both ways), and Snowflake's statements as text.
 */
class GrantSqlTest {

    private static final Relation GOLD = new Relation("gold", "top_songs");

    @Test
    void grantsMergeAsDbtMergesThem() {
        NodeConfig folder = new NodeConfig(Map.of("grants", Map.of("select", List.of("bi"))));
        assertThat(Grants.of(folder.with(Map.of("grants", Map.of("select", List.of("analyst")))), "m.sql").privileges())
                .isEqualTo(Map.of("select", List.of("analyst")));
        assertThat(Grants.of(folder.with(Map.of("grants", Map.of("+select", List.of("analyst")))), "m.sql").privileges())
                .isEqualTo(Map.of("select", List.of("bi", "analyst")));
        assertThat(Grants.of(new NodeConfig(Map.of("grants", Map.of("SELECT", "bi"))), "m.sql").privileges())
                .as("one grantee as a string; privileges in lower case").isEqualTo(Map.of("select", List.of("bi")));
        assertThatThrownBy(() -> new NodeConfig(Map.of("grants", List.of("bi"))).validated("m.sql"))
                .hasMessageContaining("m.sql: grants maps a privilege to its grantees");
        assertThatThrownBy(() -> new NodeConfig(Map.of("grants", Map.of("select", List.of("bi; drop table x")))).validated("m.sql"))
                .hasMessageContaining("not a plain SQL identifier");
    }

    @Test
    void hooksAddUpInDbtsShapeWhicheverWayTheyAreWritten() {
        NodeConfig folder = new NodeConfig(Map.of("post-hook", "select 1"));
        NodeConfig model = folder.with(Map.of("post_hook", List.of("select 2", Map.of("sql", "select 3", "transaction", false)),
                "pre_hook", "select 0"));
        assertThat(model.values().get("post-hook").toString())
                .isEqualTo("[{sql=select 1, transaction=true, index=null}, {sql=select 2, transaction=true, index=null}, "
                        + "{sql=select 3, transaction=false, index=null}]");
        ModelHooks hooks = ModelHooks.of(model, "m.sql");
        assertThat(hooks.preInOrder()).containsExactly(new ModelHooks.Hook("select 0", true));
        assertThat(hooks.postInOrder()).extracting(ModelHooks.Hook::sql).containsExactly("select 1", "select 2", "select 3");
        assertThatThrownBy(() -> new NodeConfig(Map.of("pre-hook", Map.of("query", "select 1"))))
                .hasMessageContaining("a hook has sql and transaction, not 'query'");
    }

    @Test
    void anIncrementalRunRevokesWhatIsNoLongerConfiguredThenGrantsWhatIsMissing() {
        GrantApplier applier = new GrantApplier(null, GrantSql.of(new PostgresDialect()), line -> { });
        Grants wanted = new Grants(Map.of("select", List.of("BI", "analyst")));
        Map<String, Set<String>> current = Map.of("select", new LinkedHashSet<>(List.of("bi", "old_role")), "insert",
                Set.of("loader"));
        assertThat(applier.statements(GOLD, wanted, current)).containsExactlyInAnyOrder(
                "revoke select on gold.top_songs from old_role", "revoke insert on gold.top_songs from loader",
                "grant select on gold.top_songs to analyst");
        assertThat(applier.statements(GOLD, wanted, Map.of())).containsExactly("grant select on gold.top_songs to bi, analyst");
    }

    @Test
    void snowflakeStatementsAndDuckDbHasNone() {
        GrantSql snowflake = GrantSql.of(new SnowflakeDialect());
        assertThat(snowflake.grant(GOLD, "select", List.of("reporter"))).isEqualTo("grant select on gold.top_songs to reporter");
        assertThat(snowflake.revoke(GOLD, "select", List.of("reporter"))).isEqualTo("revoke select on gold.top_songs from reporter");
        assertThat(snowflake.showGrants(GOLD)).isEqualTo("show grants on gold.top_songs");
        assertThat(GrantSql.of(new PostgresDialect()).showGrants(GOLD)).contains("information_schema.role_table_grants",
                "grantor = current_role", "table_schema = 'gold' and table_name = 'top_songs'");
        assertThat(GrantSql.of(new DuckDbDialect()).supported()).isFalse();
    }
}
