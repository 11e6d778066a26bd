package io.playstream.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.TableIndex;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The statements each dialect writes. DuckDB and PostgreSQL run them in the *TransformIT tests;
 * Snowflake cannot run here, so its statements are checked as text.
 */
class DialectTest {

    static final Relation TARGET = new Relation("gold", "top_songs");
    static final Relation STAGED = new Relation("gold", "top_songs__dbt_tmp");

    @Test
    void onlyPostgresBuildsTheIndexesAModelDeclares() {
        IndexDefinition key = new TableIndex(List.of("song_id"), false, Optional.empty());
        assertThat(new PostgresDialect().createIndex(TARGET, key))
                .contains("create index if not exists \"top_songs__song_id\" on gold.top_songs (\"song_id\")");
        // dbt-duckdb ignores the config, and DuckDB's ART index costs every commit that deletes
        assertThat(new DuckDbDialect().createIndex(TARGET, key)).isEmpty();
        assertThat(new SnowflakeDialect().createIndex(TARGET, key)).isEmpty();
    }

    @Test
    void snowflakeSwapsTablesAtomicallyAndDropsTheStagedOne() {
        assertThat(new SnowflakeDialect().swap(STAGED, TARGET, RelationType.TABLE, RelationType.TABLE))
                .containsExactly("alter table gold.top_songs__dbt_tmp swap with gold.top_songs",
                        "drop table if exists gold.top_songs__dbt_tmp cascade");
    }

    @Test
    void snowflakeRenamesIntoAQualifiedNameWhenThereIsNothingToSwapWith() {
        assertThat(new SnowflakeDialect().swap(STAGED, TARGET, RelationType.TABLE, null))
                .containsExactly("alter table gold.top_songs__dbt_tmp rename to gold.top_songs");
        assertThat(new SnowflakeDialect().swap(STAGED, TARGET, RelationType.TABLE, RelationType.VIEW))
                .containsExactly("drop view if exists gold.top_songs cascade",
                        "alter table gold.top_songs__dbt_tmp rename to gold.top_songs");
    }

    @Test
    void snowflakeWritesUnquotedNamesSoTheyFoldToUpperCaseLikeTheProjectsSql() {
        Dialect snowflake = new SnowflakeDialect();
        assertThat(snowflake.merge(TARGET, STAGED, List.of("song_id"), List.of("song_id", "plays")))
                .isEqualTo("merge into gold.top_songs as dbt_internal_dest\n"
                        + "using gold.top_songs__dbt_tmp as dbt_internal_source\n"
                        + "on dbt_internal_dest.song_id = dbt_internal_source.song_id\n"
                        + "when matched then update set song_id = dbt_internal_source.song_id, plays = dbt_internal_source.plays\n"
                        + "when not matched then insert (song_id, plays) values (dbt_internal_source.song_id, dbt_internal_source.plays)");
        assertThat(snowflake.deleteMatching(TARGET, STAGED, List.of("song_id")))
                .isEqualTo("delete from gold.top_songs where song_id in (select song_id from gold.top_songs__dbt_tmp)");
        assertThat(snowflake.createViewAs(TARGET, "select 1 as x"))
                .isEqualTo("create or replace view gold.top_songs as (\nselect 1 as x\n)");
        assertThat(snowflake.createTableAs(STAGED, "select 1 as x"))
                .isEqualTo("create table gold.top_songs__dbt_tmp as (\nselect 1 as x\n)");
    }

    @Test
    void duckDbAndPostgresQuoteColumnsAndRenameWithinTheSchema() {
        for (Dialect dialect : List.of(new DuckDbDialect(), new PostgresDialect())) {
            assertThat(dialect.swap(STAGED, TARGET, RelationType.TABLE, RelationType.TABLE))
                    .containsExactly("drop table if exists gold.top_songs cascade", "alter table gold.top_songs__dbt_tmp rename to top_songs");
            assertThat(dialect.insert(TARGET, STAGED, List.of("timestamp", "plays")))
                    .isEqualTo("insert into gold.top_songs (\"timestamp\", \"plays\")\nselect \"timestamp\", \"plays\" from gold.top_songs__dbt_tmp");
            assertThat(dialect.deleteMatching(TARGET, STAGED, List.of("a", "b"))).isEqualTo("delete from gold.top_songs where exists "
                    + "(select 1 from gold.top_songs__dbt_tmp where gold.top_songs__dbt_tmp.\"a\" = gold.top_songs.\"a\" "
                    + "and gold.top_songs__dbt_tmp.\"b\" = gold.top_songs.\"b\")");
        }
    }
}
