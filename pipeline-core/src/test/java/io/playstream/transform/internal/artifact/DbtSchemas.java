package io.playstream.transform.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * dbt's published artifact schemas (src/test/resources/dbt-schemas, see its README), and the
 * errors of an artifact against the one it declares in {@code metadata.dbt_schema_version}.
 */
public final class DbtSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> RESOURCES = Map.of(
            "https://schemas.getdbt.com/dbt/manifest/v12.json", "manifest-v12.json",
            "https://schemas.getdbt.com/dbt/run-results/v6.json", "run-results-v6.json",
            "https://schemas.getdbt.com/dbt/sources/v3.json", "sources-v3.json",
            "https://schemas.getdbt.com/dbt/catalog/v1.json", "catalog-v1.json");
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private DbtSchemas() {
    }

    /** The schema errors of an artifact file, each as {@code path: message}; empty when it validates. */
    public static List<String> errors(Path artifact) {
        try {
            return errors(JSON.readTree(artifact.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> errors(JsonNode artifact) {
        String declared = artifact.at("/metadata/dbt_schema_version").asText();
        if (!RESOURCES.containsKey(declared)) {
            return List.of("metadata.dbt_schema_version: '" + declared + "' is none of " + RESOURCES.keySet());
        }
        return LOADED.computeIfAbsent(declared, DbtSchemas::load).validate(artifact).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String id) {
        try (InputStream in = DbtSchemas.class.getResourceAsStream("/dbt-schemas/" + RESOURCES.get(id))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
