package io.playstream.transform.internal.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * profiles.yml beside dbt_project.yml: the runner takes from it the name and schema of the
 * profile's {@code target} output when its {@code type} is the warehouse's adapter type, else of the
 * first output of that type (credentials are never read: the
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
        Object named = profile.get("target");
        if (named != null) {
            String targetName = render.apply(String.valueOf(named));
            Object settings = outputs.get(targetName);
            if (settings != null) {
                TargetProfile chosen = matching(targetName, YamlFiles.asMap(settings, "profiles.yml outputs." + targetName),
                        adapterType, render, fallback);
                if (chosen != null) {
                    return chosen;
                }
            }
        }
        for (Map.Entry<String, Object> output : outputs.entrySet()) {
            TargetProfile chosen = matching(output.getKey(),
                    YamlFiles.asMap(output.getValue(), "profiles.yml outputs." + output.getKey()), adapterType, render, fallback);
            if (chosen != null) {
                return chosen;
            }
        }
        return fallback;
    }

    private static TargetProfile matching(String name, Map<String, Object> settings, String adapterType,
            UnaryOperator<String> render, TargetProfile fallback) {
        if (!adapterType.equals(render.apply(String.valueOf(settings.get("type"))))) {
            return null;
        }
        Object schema = settings.get("schema");
        String rendered = schema == null ? fallback.schema() : render.apply(String.valueOf(schema));
        return new TargetProfile(name, adapterType, SqlNames.requirePlain(rendered, "profiles.yml outputs." + name + ".schema"));
    }
}
