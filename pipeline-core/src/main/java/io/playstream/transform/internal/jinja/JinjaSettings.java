package io.playstream.transform.internal.jinja;

import java.util.Map;
import java.util.Objects;

/**
 * What every rendering of a run shares.
 *
 * @param adapterType dbt's adapter type ({@code duckdb}, {@code postgres}, {@code snowflake})
 * @param vars the project's vars with {@code --vars} laid over them
 * @param env the environment {@code env_var()} reads (core never reads the process environment itself)
 * @param packages the packages the project declares (only dbt_utils macros are built in)
 */
public record JinjaSettings(String adapterType, Map<String, Object> vars, Map<String, String> env,
        java.util.List<String> packages) {

    public JinjaSettings {
        Objects.requireNonNull(adapterType, "adapterType");
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        env = Map.copyOf(env);
        packages = java.util.List.copyOf(packages);
    }
}
