package io.playstream.warehouse;

import io.playstream.OptionalDependency;
import java.nio.file.Path;
import java.util.Map;

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

    private static final String DUCKDB = "duckdb:";
    private static final String POSTGRES = "jdbc:postgresql://";
    private static final String SNOWFLAKE = "jdbc:snowflake://";

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
        if (uri.startsWith(DUCKDB)) {
            String path = uri.substring(DUCKDB.length());
            if (!path.startsWith("/") || path.endsWith("/")) {
                throw new IllegalArgumentException("warehouse URI '" + Redaction.redact(uri)
                        + "' must name an absolute file path, e.g. duckdb:/data/playstream.duckdb; accepted: "
                        + ACCEPTED_FORMS);
            }
            OptionalDependency.DUCKDB.require();
            return DuckDbWarehouse.open(Path.of(path));
        }
        if (uri.startsWith(POSTGRES) && uri.length() > POSTGRES.length()) {
            OptionalDependency.POSTGRESQL.require();
            return DriverManagerWarehouse.postgres(PostgresSettings.of(uri, env));
        }
        if (uri.startsWith(SNOWFLAKE) && uri.length() > SNOWFLAKE.length()) {
            OptionalDependency.SNOWFLAKE.require();
            return DriverManagerWarehouse.snowflake(SnowflakeSettings.of(uri, env));
        }
        throw new IllegalArgumentException("warehouse URI '" + Redaction.redact(uri) + "' is not one of: "
                + ACCEPTED_FORMS);
    }
}
