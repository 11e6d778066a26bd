package io.playstream.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Properties;

/**
 * How to reach a PostgreSQL database: the JDBC URL as given and the password from the environment.
 *
 * @param url      {@code jdbc:postgresql://host:port/db?user=...}; may carry {@code password=}
 * @param password from {@code PGPASSWORD}, or null (trust authentication, or the URL's own)
 */
public record PostgresSettings(String url, String password) {

    /** The environment variable that holds the password, as libpq reads it. */
    public static final String PASSWORD_VARIABLE = "PGPASSWORD";

    public PostgresSettings {
        requireNonNull(url, "url");
    }

    static PostgresSettings of(String url, Map<String, String> env) {
        String password = env.get(PASSWORD_VARIABLE);
        return new PostgresSettings(url, password == null || password.isEmpty() ? null : password);
    }

    /** Connection properties for the driver; a password in the URL wins over none here. */
    Properties properties() {
        Properties properties = new Properties();
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "playstream");
        return properties;
    }

    /** The URL without secrets. */
    String describe() {
        return Redaction.redact(url);
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + describe() + "]";
    }
}
