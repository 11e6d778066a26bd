/** dbt's Jinja on Jinjava: ref, source, config, is_incremental, this, var, env_var, target, adapter.dispatch, return, log, dbt_utils.generate_surrogate_key. */
package io.playstream.transform.internal.jinja;
