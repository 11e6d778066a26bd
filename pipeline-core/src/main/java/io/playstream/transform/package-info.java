/**
 * The dbt-compatible transform runner: runs a dbt project's {@code build} (models and data tests)
 * on a {@link io.playstream.warehouse.Warehouse} without dbt, and writes dbt's run_results.json and
 * manifest.json. Entry point: {@link io.playstream.transform.TransformRunner}.
 *
 * <p>This package is the runner's API: {@link io.playstream.transform.TransformRunner} (build, ls,
 * docs, freshness, run-operation) with its {@link io.playstream.transform.TransformOptions}, what a
 * run returns ({@link io.playstream.transform.RunSummary} of {@link io.playstream.transform.NodeResult}s
 * with a {@link io.playstream.transform.NodeStatus}, {@link io.playstream.transform.FreshnessRun}),
 * and {@link io.playstream.transform.NodeListener} for progress. Everything under
 * {@code io.playstream.transform.internal} is not API.
 *
 * <p>It implements the subset of dbt the Playstream project uses, and refuses anything else with an
 * error naming the file and the construct, so it never builds differently than dbt would:
 * <ul>
 *   <li>files: dbt_project.yml (paths, vars, folder {@code +configs}), packages.yml, profiles.yml
 *       (the target's name and schema only), model SQL and YAML, sources, macros/, tests/,
 *       snapshots/;</li>
 *   <li>Jinja: {@code ref}, {@code source}, {@code config}, {@code is_incremental}, {@code this},
 *       {@code var} (defaults, {@code --vars}), {@code env_var}, {@code target}, {@code log},
 *       {@code return}, {@code run_started_at}, {@code invocation_id},
 *       {@code exceptions.raise_compiler_error}, {@code adapter.dispatch} over the project's own
 *       macros, the project's {@code generate_schema_name}, {@code dbt_utils.generate_surrogate_key};</li>
 *   <li>materializations view, table, incremental (merge, delete+insert, append; on_schema_change)
 *       and ephemeral; seeds (CSV files with column_types, quote_columns, delimiter);</li>
 *   <li>snapshots ({@code {% snapshot %}} blocks and YAML {@code snapshots:} with {@code relation:}),
 *       strategies timestamp and check, {@code hard_deletes} ignore, invalidate and new_record,
 *       {@code dbt_valid_to_current}, {@code snapshot_meta_column_names}; never dropped by
 *       {@code --full-refresh};</li>
 *   <li>unit tests ({@code unit_tests:} with given inputs as dict, csv or sql rows or fixture files,
 *       expected rows, overrides of is_incremental, the project's macros, vars and env vars), run
 *       before the model they test;</li>
 *   <li>tests unique, not_null, accepted_values, relationships, dbt_utils.expression_is_true,
 *       accepted_range, unique_combination_of_columns and singular tests, with {@code severity} and
 *       {@code where};</li>
 *   <li>selection by name, {@code tag:}, {@code path:}, {@code source:} with {@code +} operators;
 *       {@code --full-refresh};</li>
 *   <li>state-aware builds, after dbt Fusion's: a model or test whose compiled code and input
 *       versions did not change since its last success is reused (status success or pass,
 *       message "reused: ..."); the state lives in the warehouse, in
 *       {@code <target schema>._playstream_model_state}.</li>
 * </ul>
 * Source freshness is read into the manifest but not checked, as {@code dbt build} does not.
 */
package io.playstream.transform;
