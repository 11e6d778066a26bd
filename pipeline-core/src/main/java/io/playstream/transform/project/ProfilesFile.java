package io.playstream.transform.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * profiles.yml beside dbt_project.yml: the runner takes from it the name and schema of the first
 * output whose {@code type} is the warehouse's adapter type (credentials are never read: the
 * warehouse connection is given). Without a matching output, the adapter's usual default schema.
 */
final class ProfilesFile {

    static final Map<String, String> DEFAULT_SCHEMAS = Map.of("duckdb", "main", "postgres", "public", "snowflake", "PUBLIC");

    private final Path root;

    ProfilesFile(Path root) {
        this.root = root;
    }

    TargetProfile target(String profileName, String adapterType, UnaryOperator<String> render) {
        TargetProfile fallback = new TargetProfile(adapterType, adapterType, DEFAULT_SCHEMAS.getOrDefault(adapterType, "public"));
        Path file = root.resolve("profiles.yml");
        if (!Files.isRegularFile(file)) {
            return fallback;
        }
        Map<String, Object> profile = YamlFiles.asMap(YamlFiles.readMap(file).get(profileName), "profiles.yml " + profileName);
        Map<String, Object> outputs = YamlFiles.asMap(profile.get("outputs"), "profiles.yml " + profileName + ".outputs");
        for (Map.Entry<String, Object> output : outputs.entrySet()) {
            Map<String, Object> settings = YamlFiles.asMap(output.getValue(), "profiles.yml outputs." + output.getKey());
            if (adapterType.equals(render.apply(String.valueOf(settings.get("type"))))) {
                Object schema = settings.get("schema");
                return new TargetProfile(output.getKey(), adapterType,
                        schema == null ? fallback.schema() : render.apply(String.valueOf(schema)));
            }
        }
        return fallback;
    }
}
