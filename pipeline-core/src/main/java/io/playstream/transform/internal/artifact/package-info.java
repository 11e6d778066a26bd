/** dbt's artifacts: run_results.json and manifest.json in dbt's own shapes. */
package io.playstream.transform.internal.artifact;
