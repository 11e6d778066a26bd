package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.internal.artifact.DbtSchemas;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds and unit tests on DuckDB and PostgreSQL, on a small project written here: a seed with its
 * own delimiter, column types and unquoted columns, loaded before the model that reads it and
 * refilled (not recreated) by a later run, recreated by {@code --full-refresh}; unit tests in
 * every fixture format, with overrides of vars, env vars and a project macro, run before their
 * model, reused while nothing they depend on changes, selectable with {@code test_type:unit}; a
 * failing one prints the difference and skips its model. Expectations as real dbt 1.11 has them
 * (seed types inferred by agate, unit-test results with one failure and the diff as message).
 */
class SeedsAndUnitTestsIT {

    @TempDir
    Path dir;

    @Test
    void onDuckDb() throws Exception {
        features(JdbcWarehouse.duckdb(dir.resolve("features.duckdb")), "main");
    }

    @Test
    void onPostgres() throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("dbtfeatures_it")) {
            features(database.warehouse(), "public");
        }
    }

    private void features(Warehouse warehouse, String targetSchema) throws Exception {
        Path project = project(dir.resolve("project-" + targetSchema));
        String seeds = targetSchema + "_reference";
        List<String> log = new ArrayList<>();
        TransformOptions options = TransformOptions.of(project).withTargetPath(dir.resolve("target-" + targetSchema))
                .withEnv(Map.of("CURRENCY", "EUR"));

        RunSummary first = new TransformRunner(warehouse, log::add).run(options);
        assertThat(first.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(statuses(first)).containsExactly(
                "seed prices success", "test not_null_prices_sku pass", "unit_test dict_rows pass", "unit_test csv_rows_and_sql_expect pass",
                "unit_test overridden_vars pass", "unit_test overridden_env_vars pass", "unit_test overridden_macro pass",
                "model priced success");
        assertThat(first.result("seed.features.prices").orElseThrow().rowsAffected()).isEqualTo(3);
        // agate's inference: a number with digits after the point is float8, whole numbers (or none) integer, true/false boolean
        boolean postgres = warehouse.dbtType().equals("postgres");
        assertThat(DbtProjectIT.rows(warehouse, "select column_name, data_type from information_schema.columns where table_schema = '"
                + seeds + "' and table_name = 'prices' order by ordinal_position").toString().toLowerCase(java.util.Locale.ROOT))
                .isEqualTo(postgres
                        ? "[{column_name=sku, data_type=text}, {column_name=label, data_type=text}, {column_name=price, data_type=numeric}, "
                                + "{column_name=weight, data_type=double precision}, {column_name=stock, data_type=integer}, "
                                + "{column_name=active, data_type=boolean}]"
                        : "[{column_name=sku, data_type=varchar}, {column_name=label, data_type=varchar}, "
                                + "{column_name=price, data_type=decimal(10,2)}, {column_name=weight, data_type=double}, "
                                + "{column_name=stock, data_type=integer}, {column_name=active, data_type=boolean}]");
        assertThat(DbtProjectIT.rows(warehouse, "select sku, label from " + targetSchema + ".priced order by sku"))
                .containsExactly("{label=Apple, 1.50 EUR, sku=a1}", "{label=Pear; ripe, 0.99 EUR, sku=b2}", "{label=Plum, 2.00 EUR, sku=c3}");

        RunSummary second = new TransformRunner(warehouse, log::add).run(options);
        assertThat(second.results()).as("nothing changed: every node reused").allMatch(NodeResult::reused);

        // a new row: the seed is refilled, the table kept (a view reads it); the unit tests giving its rows run again
        SampleProject.write(project, "seeds/prices.csv", PRICES + "d4;Fig;3.25;0.05;0;false\n");
        RunSummary third = new TransformRunner(warehouse, log::add).run(options);
        assertThat(third.result("seed.features.prices").orElseThrow().rowsAffected()).isEqualTo(4);
        assertThat(third.result("unit_test.features.priced.dict_rows").orElseThrow().reused()).isFalse();
        assertThat(DbtProjectIT.rows(warehouse, "select count(*) as n from " + targetSchema + ".priced")).containsExactly("{n=4}");

        // a changed header needs --full-refresh, which recreates the table
        SampleProject.write(project, "seeds/prices.csv", "sku;label;price;weight;stock;active;origin\nz9;Kiwi;1.00;0.1;1;true;NZ\n");
        RunSummary refreshed = new TransformRunner(warehouse, log::add).run(options.withFullRefresh(true));
        assertThat(refreshed.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(DbtProjectIT.rows(warehouse, "select origin from " + seeds + ".prices")).containsExactly("{origin=NZ}");

        // test_type:unit runs the unit tests only; a failing one shows the difference and its model is skipped
        SampleProject.write(project, "models/_failing.yml", FAILING);
        RunSummary unitOnly = new TransformRunner(warehouse, log::add).run(options.withSelect("test_type:unit").withStateAware(false));
        assertThat(unitOnly.results()).allMatch(r -> r.resourceType().equals("unit_test")).hasSize(6);
        NodeResult failed = unitOnly.result("unit_test.features.priced.wrong_label").orElseThrow();
        assertThat(failed.status()).isEqualTo(NodeStatus.FAIL);
        assertThat(failed.failures()).isEqualTo(1L);
        assertThat(failed.message()).startsWith("actual differs from expected:").contains("---", "Apple, 9.99 EUR", "+++", "Apple, 1.50 EUR");
        RunSummary build = new TransformRunner(warehouse, log::add).run(options);
        assertThat(build.result("model.features.priced").orElseThrow().status()).as("a model whose unit test fails is skipped").isEqualTo(NodeStatus.SKIPPED);
        for (String artifact : List.of("manifest.json", "run_results.json")) {
            assertThat(DbtSchemas.errors(build.targetDir().resolve(artifact))).as(artifact + " against dbt's schema").isEmpty();
        }
    }

    private static List<String> statuses(RunSummary summary) {
        return summary.results().stream().map(r -> r.resourceType() + " " + r.name() + " " + r.status()).toList();
    }

    static final String PRICES = "sku;label;price;weight;stock;active\n"
            + "a1;Apple;1.50;0.2;10;true\n"
            + "b2;\"Pear; ripe\";0.99;0.25;;false\n"
            + "c3;Plum;2;0.1;7;true\n";

    static final String FAILING = """
            version: 2
            unit_tests:
              - name: wrong_label
                model: priced
                given:
                  - input: ref('prices')
                    rows:
                      - {sku: a1, label: Apple, price: 1.5}
                expect:
                  rows:
                    - {sku: a1, label: 'Apple, 9.99 EUR'}
            """;

    private static Path project(Path project) {
        SampleProject.write(project, "dbt_project.yml", """
                name: features
                version: "1.0.0"
                config-version: 2
                profile: features
                vars:
                  currency_suffix: true
                seeds:
                  features:
                    +schema: reference
                    prices:
                      +delimiter: ";"
                      +quote_columns: false
                      +column_types: {price: "decimal(10,2)"}
                """);
        SampleProject.write(project, "profiles.yml", """
                features:
                  target: duckdb
                  outputs:
                    duckdb:
                      type: duckdb
                      schema: main
                    postgres:
                      type: postgres
                      schema: public
                """);
        SampleProject.write(project, "seeds/prices.csv", PRICES);
        SampleProject.write(project, "seeds/_seeds.yml", """
                version: 2
                seeds:
                  - name: prices
                    columns:
                      - name: sku
                        data_tests: [not_null]
                """);
        SampleProject.write(project, "macros/money.sql", """
                {% macro money(column) -%}
                    cast({{ column }} as varchar) || ' ' || '{{ env_var("CURRENCY") }}'
                {%- endmacro %}
                """);
        SampleProject.write(project, "models/priced.sql", """
                select sku, label || ', ' || {% if var('currency_suffix') %}{{ money('price') }}{% else %}cast(price as varchar){% endif %} as label
                from {{ ref('prices') }}
                """);
        SampleProject.write(project, "models/_unit_tests.yml", """
                version: 2
                unit_tests:
                  - name: dict_rows
                    model: priced
                    given:
                      - input: ref('prices')
                        rows:
                          - {sku: x, label: "It's", price: 2}
                          - {sku: y, label: Why}
                    expect:
                      rows:
                        - {sku: x, label: "It's, 2.00 EUR"}
                        - {sku: y, label: null}
                  - name: csv_rows_and_sql_expect
                    model: priced
                    given:
                      - input: ref('prices')
                        format: csv
                        fixture: two_prices
                    expect:
                      format: sql
                      rows: |
                        select 'p' as sku, 'P, 1.00 EUR' as label
                        union all
                        select 'q', null
                  - name: overridden_vars
                    model: priced
                    overrides:
                      vars: {currency_suffix: false}
                    given:
                      - input: ref('prices')
                        rows: [{sku: x, label: X, price: 3}]
                    expect:
                      rows: [{sku: x, label: 'X, 3.00'}]
                  - name: overridden_env_vars
                    model: priced
                    overrides:
                      env_vars: {CURRENCY: USD}
                    given:
                      - input: ref('prices')
                        rows: [{sku: x, label: X, price: 3}]
                    expect:
                      rows: [{sku: x, label: 'X, 3.00 USD'}]
                  - name: overridden_macro
                    model: priced
                    overrides:
                      macros: {money: "'free'"}
                    given:
                      - input: ref('prices')
                        rows: [{sku: x, label: X, price: 3}]
                    expect:
                      rows: [{sku: x, label: 'X, free'}]
                """);
        SampleProject.write(project, "tests/fixtures/two_prices.csv", "sku,label,price\np,P,1\nq,Q,\n");
        return project;
    }
}
