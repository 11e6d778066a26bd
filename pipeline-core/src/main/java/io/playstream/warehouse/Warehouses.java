package io.playstream.warehouse;

import io.playstream.OptionalDependency;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Opens a {@link Warehouse} from a JDBC-style URI (CONTRACTS.md §6). Secrets come from {@code env}, never
 * from logs: {@code PGPASSWORD} for PostgreSQL (or a {@code password} parameter in the URI), and
 * {@code SNOWFLAKE_USER} with {@code SNOWFLAKE_PRIVATE_KEY_PATH} or {@code SNOWFLAKE_PASSWORD} for
 * Snowflake.
 */
public final class Warehouses {

    /** The forms {@link #open} accepts, for error messages and help texts. */
    public static final String ACCEPTED_FORMS = "duckdb:/abs/path/file.duckdb, "
            + "jdbc:postgresql://host:port/db?user=..., "
            + "jdbc:snowflake://account.snowflakecomputing.com/?db=...&warehouse=...&schema=...";

    /** The schemes this build knows, each with the driver it needs and how to open it. */
    private static final List<Scheme> SCHEMES = List.of(
            new Scheme("duckdb:", OptionalDependency.DUCKDB, Warehouses::duckdb),
            new Scheme("jdbc:postgresql://", OptionalDependency.POSTGRESQL,
                    (uri, env) -> new PostgresWarehouse(PostgresSettings.of(uri, env))),
            new Scheme("jdbc:snowflake://", OptionalDependency.SNOWFLAKE,
                    (uri, env) -> new SnowflakeWarehouse(SnowflakeSettings.of(uri, env))));

    private Warehouses() {
    }

    /**
     * The warehouse {@code uri} names; an {@link IllegalArgumentException} naming the accepted forms
     * when it names none. Opening does not connect yet, except DuckDB, which opens its file.
     */
    public static Warehouse open(String uri, Map<String, String> env) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a warehouse URI is required: " + ACCEPTED_FORMS);
        }
        for (Scheme scheme : SCHEMES) {
            if (uri.startsWith(scheme.prefix()) && uri.length() > scheme.prefix().length()) {
                scheme.driver().require();
                return scheme.opener().apply(uri, env);
            }
        }
        throw new IllegalArgumentException("warehouse URI '" + Redaction.redact(uri) + "' is not one of: "
                + ACCEPTED_FORMS);
    }

    private static Warehouse duckdb(String uri, Map<String, String> env) {
        String path = uri.substring(uri.indexOf(':') + 1);
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("warehouse URI '" + Redaction.redact(uri)
                    + "' must name an absolute file path, e.g. duckdb:/data/playstream.duckdb; accepted: "
                    + ACCEPTED_FORMS);
        }
        return DuckDbWarehouse.open(Path.of(path));
    }

    /** A URI prefix, the optional driver behind it, and how to open a warehouse from such a URI. */
    private record Scheme(String prefix, OptionalDependency driver, BiFunction<String, Map<String, String>, Warehouse> opener) {
    }
}
