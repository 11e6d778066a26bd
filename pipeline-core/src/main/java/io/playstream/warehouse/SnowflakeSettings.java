package io.playstream.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Properties;

/**
 * How to reach Snowflake: the JDBC URL ({@code db}, {@code warehouse}, {@code schema} parameters)
 * and the credentials from the environment. Key-pair authentication wins over a password.
 *
 * @param url                  {@code jdbc:snowflake://account.snowflakecomputing.com/?db=...&warehouse=...}
 * @param user                 from {@code SNOWFLAKE_USER}
 * @param privateKeyPath       from {@code SNOWFLAKE_PRIVATE_KEY_PATH}, or null
 * @param privateKeyPassphrase from {@code SNOWFLAKE_PRIVATE_KEY_PASSPHRASE}, or null
 * @param password             from {@code SNOWFLAKE_PASSWORD}, or null
 */
public record SnowflakeSettings(String url, String user, String privateKeyPath, String privateKeyPassphrase,
        String password) {

    public static final String USER_VARIABLE = "SNOWFLAKE_USER";
    public static final String PRIVATE_KEY_PATH_VARIABLE = "SNOWFLAKE_PRIVATE_KEY_PATH";
    public static final String PRIVATE_KEY_PASSPHRASE_VARIABLE = "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE";
    public static final String PASSWORD_VARIABLE = "SNOWFLAKE_PASSWORD";

    public SnowflakeSettings {
        requireNonNull(url, "url");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException(USER_VARIABLE + " must name the Snowflake user");
        }
        if (isBlank(privateKeyPath) && isBlank(password)) {
            throw new IllegalArgumentException("Snowflake needs " + PRIVATE_KEY_PATH_VARIABLE + " (key-pair) or "
                    + PASSWORD_VARIABLE + " in the environment");
        }
    }

    static SnowflakeSettings of(String url, Map<String, String> env) {
        return new SnowflakeSettings(url, env.get(USER_VARIABLE), env.get(PRIVATE_KEY_PATH_VARIABLE),
                env.get(PRIVATE_KEY_PASSPHRASE_VARIABLE), env.get(PASSWORD_VARIABLE));
    }

    /** Driver properties: the secrets travel here, never in the URL. */
    Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (!isBlank(privateKeyPath)) {
            properties.setProperty("authenticator", "snowflake_jwt");
            properties.setProperty("private_key_file", privateKeyPath);
            if (!isBlank(privateKeyPassphrase)) {
                properties.setProperty("private_key_file_pwd", privateKeyPassphrase);
            }
        } else {
            properties.setProperty("password", password);
        }
        // Arrow results need --add-opens on Java 17; JSON results need nothing
        properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        properties.setProperty("application", "playstream");
        return properties;
    }

    /** URL and user, without secrets. */
    String describe() {
        return Redaction.redact(url) + " as " + user + (isBlank(privateKeyPath) ? " (password)" : " (key pair)");
    }

    @Override
    public String toString() {
        return "SnowflakeSettings[" + describe() + "]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
