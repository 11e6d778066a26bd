package io.playstream.transform;

import io.playstream.transform.internal.graph.ManifestGraph;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.PlaystreamException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** What {@code dbt ls} prints for each selected node, in one of its output formats. */
public enum NodeListing {
    /** dbt's default: what selects the node again ({@code playstream.silver.stg_events}, {@code source:playstream.bronze.events}). */
    SELECTOR,
    /** The name a selector would use ({@code stg_events}, {@code bronze.events} for a source). */
    NAME,
    /** The file the node is defined in, relative to the project. */
    PATH,
    /** One JSON object a line with dbt's default keys. */
    JSON;

    /** The keys dbt's {@code --output json} prints by default. */
    private static final List<String> JSON_KEYS = List.of("name", "resource_type", "package_name", "original_file_path",
            "unique_id", "alias", "config", "tags", "depends_on", "source_name");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static NodeListing named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PlaystreamException.permanent("--output " + name + ": expected selector, name, path or json");
        }
    }

    List<String> lines(ManifestGraph graph, Collection<String> ids) {
        List<String> lines = new ArrayList<>();
        ids.forEach(id -> lines.add(line(graph.node(id))));
        return lines;
    }

    private String line(JsonNode node) {
        String type = node.path("resource_type").asText();
        String pkg = node.path("package_name").asText();
        return switch (this) {
            case SELECTOR -> switch (type) {
                case "source" -> "source:" + pkg + "." + node.path("source_name").asText() + "." + node.path("name").asText();
                case "exposure" -> "exposure:" + pkg + "." + node.path("name").asText();
                // dbt names a unit test by package and name (its fqn also holds the model)
                case "unit_test" -> "unit_test:" + pkg + "." + node.path("name").asText();
                default -> String.join(".", texts(node.path("fqn")));
            };
            case NAME -> type.equals("source") ? node.path("source_name").asText() + "." + node.path("name").asText()
                    : node.path("name").asText();
            case PATH -> node.path("original_file_path").asText();
            case JSON -> json(node);
        };
    }

    private static String json(JsonNode node) {
        ObjectNode out = MAPPER.createObjectNode();
        JSON_KEYS.stream().filter(node::has).forEach(key -> out.set(key, node.get(key)));
        try {
            return MAPPER.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
