package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.project.Materialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing the sample project: configs, schemas, graph, selection and test names; no warehouse is touched. */
class ProjectParsingTest {

    @TempDir
    Path dir;

    Path project;
    TransformRunner runner;

    @BeforeEach
    void copyProject() {
        project = SampleProject.copyTo(dir.resolve("project"));
        runner = new TransformRunner(JdbcWarehouse.duckdb(dir.resolve("never-opened.duckdb")), new ArrayList<String>()::add);
    }

    private CompiledProject compile() {
        return runner.compile(TransformOptions.of(project));
    }

    @Test
    void foldersYamlAndConfigCallsMergeIntoEachModelsConfig() {
        CompiledProject compiled = compile();
        ModelNode stg = compiled.models().get("stg_plays");
        assertThat(stg.config().materialization()).isEqualTo(Materialization.INCREMENTAL);
        assertThat(stg.config().uniqueKey()).containsExactly("play_id");
        assertThat(stg.relation().toString()).isEqualTo("analytics_staging.stg_plays");
        assertThat(compiled.models().get("song_stats").config().materialization()).isEqualTo(Materialization.TABLE);
        assertThat(compiled.models().get("song_stats").config().tags()).containsExactlyInAnyOrder("marts", "daily");
        assertThat(compiled.models().get("song_stats").relation().toString()).isEqualTo("analytics_marts.song_stats");
        assertThat(compiled.models().get("user_songs").config().materialization()).isEqualTo(Materialization.VIEW);
        assertThat(compiled.models().get("valid_plays").relation().toString()).isEqualTo("__dbt__cte__valid_plays");
        assertThat(compiled.models().get("stg_plays").sources()).containsExactly("raw.plays");
    }

    @Test
    void dbtProjectYmlConfiguresAModelByItsNameAndHooksOfEveryLevelAddUp() {
        SampleProject.write(project, "dbt_project.yml", """
                name: sample
                profile: sample
                vars: {min_plays: 1}
                models:
                  sample:
                    +post-hook: "select 'project'"
                    marts:
                      +schema: marts
                      +post-hook: "select 'marts'"
                      top_song:
                        +materialized: table
                        +post-hook: "select 'top_song'"
                """);
        CompiledProject compiled = compile();
        assertThat(compiled.models().get("top_song").config().materialization()).isEqualTo(Materialization.TABLE);
        assertThat(compiled.models().get("song_stats").config().materialization()).isEqualTo(Materialization.VIEW);
        assertThat(io.playstream.transform.internal.project.ModelHooks.of(compiled.models().get("top_song").config(), "top_song.sql").post())
                .extracting(io.playstream.transform.internal.project.ModelHooks.Hook::sql)
                .containsExactly("select 'project'", "select 'marts'", "select 'top_song'");
    }

    @Test
    void modelsAreOrderedAfterTheModelsTheyRef() {
        List<String> order = compile().graph().order();
        assertThat(order.indexOf("stg_plays")).isLessThan(order.indexOf("valid_plays"));
        assertThat(order.indexOf("valid_plays")).isLessThan(order.indexOf("song_stats"));
        assertThat(order.indexOf("song_stats")).isLessThan(order.indexOf("top_song"));
    }

    @Test
    void envVarInProfilesSetsTheTargetSchema() {
        CompiledProject compiled = runner.compile(TransformOptions.of(project).withEnv(Map.of("SAMPLE_SCHEMA", "dev")));
        assertThat(compiled.models().get("stg_plays").relation().getSchema()).isEqualTo("dev_staging");
        CompiledProject other = runner.compile(TransformOptions.of(project).withEnv(Map.of("SAMPLE_TARGET", "other_duckdb")));
        assertThat(other.models().get("stg_plays").relation().getSchema()).as("the profile's target wins").isEqualTo("other_staging");
    }

    @Test
    void aTargetSchemaThatIsNotAPlainIdentifierStopsTheRunNamingTheKey() {
        TransformOptions hostile = TransformOptions.of(project).withEnv(Map.of("SAMPLE_SCHEMA", "dev; drop table raw.plays"));
        assertThatThrownBy(() -> runner.compile(hostile))
                .isInstanceOf(PlaystreamException.class)
                .hasMessageContaining("profiles.yml outputs.")
                .hasMessageContaining(".schema")
                .hasMessageContaining("'dev; drop table raw.plays' is not a plain SQL identifier");
    }

    @Test
    void aModelSchemaOrAliasThatIsNotAPlainIdentifierStopsTheRunNamingTheFile() {
        SampleProject.write(project, "models/marts/odd_schema.sql", """
                {{ config(schema='marts\\nx') }}
                select 1 as one
                """);
        assertThatThrownBy(this::compile).isInstanceOf(PlaystreamException.class)
                .hasMessageContaining("odd_schema.sql schema").hasMessageContaining("not a plain SQL identifier");
        SampleProject.write(project, "models/marts/odd_schema.sql", """
                {{ config(alias='x"; drop table y; --') }}
                select 1 as one
                """);
        assertThatThrownBy(this::compile).isInstanceOf(PlaystreamException.class)
                .hasMessageContaining("odd_schema.sql alias").hasMessageContaining("not a plain SQL identifier");
    }

    @Test
    void theProjectsOwnGenerateSchemaNameOverridesDbtsDefault() {
        SampleProject.write(project, "macros/generate_schema_name.sql", """
                {% macro generate_schema_name(custom_schema_name, node) -%}
                    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
                {%- endmacro %}
                """);
        CompiledProject compiled = compile();
        assertThat(compiled.models().get("stg_plays").relation().toString()).isEqualTo("staging.stg_plays");
        assertThat(compiled.models().get("top_song").relation().toString()).isEqualTo("marts.top_song");
    }

    @Test
    void aCycleIsAnErrorNamingTheCycle() {
        SampleProject.write(project, "models/marts/a.sql", "select * from {{ ref('b') }}");
        SampleProject.write(project, "models/marts/b.sql", "select * from {{ ref('a') }}");
        assertThatThrownBy(this::compile).hasMessageContaining("Found a cycle: a --> b --> a");
    }

    @Test
    void selectorsPickModelsByNameGraphOperatorsTagAndPath() {
        assertThat(models("song_stats")).containsExactly("song_stats");
        assertThat(models("+song_stats")).containsExactlyInAnyOrder("song_stats", "valid_plays", "stg_plays");
        assertThat(models("song_stats+")).containsExactlyInAnyOrder("song_stats", "top_song");
        assertThat(models("stg_plays+")).containsExactlyInAnyOrder("stg_plays", "valid_plays", "user_songs", "song_stats", "top_song");
        assertThat(models("tag:daily")).containsExactly("song_stats");
        assertThat(models("path:models/marts")).containsExactlyInAnyOrder("song_stats", "top_song");
        assertThat(models("source:raw+")).containsExactlyInAnyOrder("stg_plays", "plays_appended", "valid_plays",
                "user_songs", "song_stats", "top_song");
        assertThat(list("source:raw.plays", "source")).containsExactly("raw.plays");
        assertThat(list("+song_stats", "source")).containsExactly("raw.plays");
        assertThat(list("song_stats", "source")).isEmpty();
        assertThat(models("tag:daily,path:models/marts")).containsExactly("song_stats");
        assertThat(models("top_song user_songs")).containsExactlyInAnyOrder("top_song", "user_songs");
        assertThatThrownBy(() -> models("nope")).hasMessageContaining("'nope' does not match any enabled model");
    }

    private List<String> models(String selector) {
        return list(selector, "model");
    }

    private List<String> list(String selector, String resourceType) {
        return runner.list(TransformOptions.of(project).withSelect(selector), List.of(resourceType), NodeListing.NAME);
    }

    @Test
    void genericTestsGetDbtsNamesAndUniqueIds() {
        List<String> names = compile().tests().stream().map(TestNode::name).toList();
        assertThat(names).contains("unique_stg_plays_play_id", "not_null_stg_plays_play_id",
                "accepted_values_stg_plays_kind__play__skip__pause", "source_not_null_raw_plays_play_id",
                "relationships_song_stats_song__song__ref_stg_plays_", "dbt_utils_accepted_range_stg_plays_ms__True__0",
                "assert_no_future_plays");
        assertThat(names).contains("dbt_utils_unique_combination_of_columns_stg_plays_play_id__user_id");
        TestNode unique = compile().tests().stream().filter(t -> t.name().equals("unique_stg_plays_play_id")).findFirst().orElseThrow();
        assertThat(unique.uniqueId()).matches("test\\.sample\\.unique_stg_plays_play_id\\.[0-9a-f]{10}");
        assertThat(unique.sql()).contains("from analytics_staging.stg_plays");
    }

    @Test
    void aMacroOfAnUninstalledPackageIsAnErrorNamingFileAndMacro() {
        SampleProject.write(project, "models/marts/starred.sql", "select {{ dbt_utils.star(ref('song_stats')) }} from {{ ref('song_stats') }}");
        assertThatThrownBy(this::compile).isInstanceOf(PlaystreamException.class)
                .hasMessageContaining("models/marts/starred.sql").hasMessageContaining("dbt_utils.star");
        SampleProject.write(project, "packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n  - package: dbt-labs/codegen\n");
        SampleProject.write(project, "models/marts/starred.sql", "select {{ codegen.generate_source('raw') }}");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/starred.sql").hasMessageContaining("codegen.generate_source");
    }

    @Test
    void unsupportedAdapterMethodsAndDbtMacrosAreErrorsNamingFileAndConstruct() {
        SampleProject.write(project, "models/marts/cols.sql", "{% set cols = adapter.get_columns_in_relation(ref('song_stats')) %}select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/cols.sql").hasMessageContaining("adapter.get_columns_in_relation");
        SampleProject.write(project, "models/marts/cols.sql", "select {{ dbt.current_timestamp() }} as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/cols.sql").hasMessageContaining("dbt.current_timestamp");
    }

    @Test
    void unknownFunctionsVariablesAndMissingVarsAreErrorsNamingTheFile() {
        SampleProject.write(project, "models/marts/bad.sql", "select {{ star('x') }} as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql").hasMessageContaining("star");
        SampleProject.write(project, "models/marts/bad.sql", "select {{ some_variable }} as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql").hasMessageContaining("some_variable");
        SampleProject.write(project, "models/marts/bad.sql", "select {{ var('not_set') }} as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql").hasMessageContaining("Required var 'not_set'");
    }

    @Test
    void snapshotsAreNodesOfTheGraphInTheSchemaDbtGivesThem() {
        SampleProject.write(project, "snapshots/history.sql", """
                {% snapshot song_stats_history %}
                {{ config(strategy='check', unique_key='song_id', check_cols='all', schema='history') }}
                select * from {{ ref('song_stats') }}
                {% endsnapshot %}
                """);
        SampleProject.write(project, "models/marts/from_history.sql", "select * from {{ ref('song_stats_history') }}");
        CompiledProject compiled = compile();
        ModelNode snapshot = compiled.models().get("song_stats_history");
        assertThat(snapshot.uniqueId()).isEqualTo("snapshot.sample.song_stats_history");
        assertThat(snapshot.resourceType()).isEqualTo("snapshot");
        assertThat(snapshot.refs()).containsExactly("song_stats");
        // dbt's default generate_schema_name: <target schema>_<custom schema>
        assertThat(snapshot.relation().toString()).isEqualTo(compiled.project().profile().schema() + "_history.song_stats_history");
        assertThat(compiled.graph().order()).containsSubsequence("song_stats", "song_stats_history", "from_history");
    }

    @Test
    void snapshotConfigsDbtRefusesOrTheRunnerDoesNotImplementAreErrorsNamingTheFile() {
        String block = "{%% snapshot s %%}{{ config(%s) }}select 1 as id, current_date as u{%% endsnapshot %%}";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("strategy='magic', unique_key='id'", "unsupported snapshot strategy 'magic'");
        refused.put("strategy='timestamp', unique_key='id'", "needs config 'updated_at'");
        refused.put("strategy='check', updated_at='u', check_cols=['id']", "needs config 'unique_key'");
        refused.put("strategy='check', unique_key='id'", "needs config 'check_cols'");
        refused.put("strategy='timestamp', unique_key='id', updated_at='u', hard_deletes='sometimes'", "Invalid setting for property hard_deletes");
        refused.put("strategy='timestamp', unique_key='id', updated_at='u', hard_deletes='ignore', invalidate_hard_deletes=true",
                "You cannot set both the invalidate_hard_deletes and hard_deletes");
        refused.put("strategy='timestamp', unique_key='id', updated_at='u', post_hook='select 1'", "unsupported snapshot config 'post-hook'");
        refused.put("strategy='timestamp', unique_key='id', updated_at='u', snapshot_meta_column_names={'dbt_valid': 'v'}",
                "snapshot_meta_column_names has no column 'dbt_valid'");
        refused.forEach((config, error) -> {
            SampleProject.write(project, "snapshots/s.sql", String.format(block, config));
            assertThatThrownBy(this::compile).as(config).hasMessageContaining("snapshots/s.sql").hasMessageContaining(error);
        });
        SampleProject.write(project, "snapshots/s.sql", "{% snapshot s %}select 1 as id");
        assertThatThrownBy(this::compile).hasMessageContaining("snapshots/s.sql").hasMessageContaining("without its {% endsnapshot %}");
        SampleProject.write(project, "snapshots/s.sql", "");
        SampleProject.write(project, "snapshots/_s.yml", """
                version: 2
                snapshots:
                  - name: y
                    relation: "select 1"
                """);
        assertThatThrownBy(this::compile).hasMessageContaining("snapshots/_s.yml").hasMessageContaining("expected ref('model') or source(");
    }

    @Test
    void unknownConfigsMaterializationsAndTestsAreErrorsNamingTheFile() {
        SampleProject.write(project, "models/marts/bad.sql", "{{ config(sql_header='set search_path = gold') }}select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql").hasMessageContaining("unsupported config 'sql_header'");
        SampleProject.write(project, "models/marts/bad.sql", "{{ config(materialized='materialized_view') }}select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql").hasMessageContaining("materialized 'materialized_view'");
        SampleProject.write(project, "models/marts/bad.sql", "select 1 as x");
        SampleProject.write(project, "models/marts/_bad.yml", """
                version: 2
                models:
                  - name: bad
                    columns:
                      - name: x
                        data_tests:
                          - dbt_expectations.expect_column_to_exist
                """);
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/_bad.yml").hasMessageContaining("dbt_expectations.expect_column_to_exist");
    }

    @Test
    void microbatchNeedsItsConfigsAndRefusesConcurrentBatchesNamingTheFile() {
        String config = "{{ config(materialized='incremental', incremental_strategy='microbatch'";
        SampleProject.write(project, "models/marts/bad.sql", config + ") }}select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql: incremental_strategy 'microbatch' needs a event_time config");
        SampleProject.write(project, "models/marts/bad.sql", config + ", event_time='t', batch_size='day') }}select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql: incremental_strategy 'microbatch' needs a begin config");
        SampleProject.write(project, "models/marts/bad.sql", config + ", event_time='t', batch_size='week', begin='2026-01-01') }}select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql: unsupported batch_size 'week'");
        SampleProject.write(project, "models/marts/bad.sql", config
                + ", event_time='t', batch_size='day', begin='2026-01-01', concurrent_batches=true) }}select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql: concurrent_batches is not supported");
    }

    @Test
    void declaredIndexesAreReadAndAMalformedOneIsAnErrorNamingTheFileAndKey() {
        assertThat(compile().models().get("stg_plays").config().indexes("stg_plays.sql"))
                .containsExactly(new io.playstream.transform.internal.project.TableIndex(List.of("play_id"), false, java.util.Optional.empty()));
        SampleProject.write(project, "models/marts/bad.sql", "{{ config(materialized='table', indexes=[{'cols': ['x']}]) }} select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql").hasMessageContaining("unsupported key 'cols' in indexes");
        SampleProject.write(project, "models/marts/bad.sql", "{{ config(materialized='table', indexes=[{'columns': []}]) }} select 1 as x");
        assertThatThrownBy(this::compile).hasMessageContaining("models/marts/bad.sql").hasMessageContaining("needs 'columns'");
    }

    @Test
    void projectSettingsTheRunnerDoesNotImplementAreErrors() {
        SampleProject.write(project, "dbt_project.yml", "name: sample\nprofile: sample\nquery-comment: 'run by {{ target.name }}'\n");
        assertThatThrownBy(this::compile).hasMessageContaining("dbt_project.yml: unsupported key 'query-comment'");
    }

    @Test
    void varsFromTheCommandLineOverrideTheProjectsVars() {
        CompiledProject compiled = runner.compile(TransformOptions.of(project).withVars("{strategy: merge}"));
        assertThat(compiled.models().get("stg_plays").config().incrementalStrategy()).contains("merge");
        assertThat(compile().models().get("stg_plays").config().incrementalStrategy()).contains("delete+insert");
    }
}
