package io.playstream.app.config;

import java.util.Map;
import java.util.Optional;

/**
 * Secrets, read from the environment (or {@code .env}) only, never from the config file, and
 * masked whenever printed so that no log line or error shows them.
 */
public record Secrets(Optional<String> apiToken, Optional<String> jobsStoragePassword, Optional<String> warehousePassword) {

    public static final String API_TOKEN = "PLAYSTREAM_API_TOKEN";
    public static final String JOBS_STORAGE_PASSWORD = "PLAYSTREAM_JOBS_STORAGE_PASSWORD";
    public static final String WAREHOUSE_PASSWORD = "PLAYSTREAM_WAREHOUSE_PASSWORD";

    public static Secrets none() {
        return new Secrets(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Secrets from(Map<String, String> environment) {
        return new Secrets(nonBlank(environment.get(API_TOKEN)), nonBlank(environment.get(JOBS_STORAGE_PASSWORD)),
                nonBlank(environment.get(WAREHOUSE_PASSWORD)));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return "Secrets[apiToken=" + mask(apiToken) + ", jobsStoragePassword=" + mask(jobsStoragePassword)
                + ", warehousePassword=" + mask(warehousePassword) + "]";
    }

    private static String mask(Optional<String> secret) {
        return secret.isPresent() ? "****" : "<unset>";
    }
}
