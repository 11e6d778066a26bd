/**
 * The dbt-compatible transform runner: runs a dbt project's {@code build} (models and data tests)
 * on a {@link io.playstream.warehouse.Warehouse} without dbt, and writes dbt's run_results.json and
 * manifest.json. It implements the subset of dbt the Playstream project uses and refuses anything
 * else with an error naming the file and the construct, so it never builds differently than dbt.
 * Entry point: {@link io.playstream.transform.TransformRunner}.
 */
package io.playstream.transform;
