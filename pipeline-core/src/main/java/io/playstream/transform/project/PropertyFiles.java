package io.playstream.transform.project;

import io.playstream.PlaystreamException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The YAML property files of the model folders: model configs and tests, sources and their tests. */
final class PropertyFiles {

    private static final Set<String> TOP_LEVEL = Set.of("version", "models", "sources", "seeds", "snapshots",
            "macros", "exposures", "metrics", "semantic_models", "saved_queries", "groups", "unit_tests", "analyses");

    private final Path root;
    private final Map<String, Map<String, Object>> modelConfigs = new HashMap<>();
    private final Map<String, String> modelDescriptions = new HashMap<>();
    private final Map<String, String> modelFiles = new HashMap<>();
    private final List<SourceTable> sources = new ArrayList<>();
    private final List<TestDefinition> tests = new ArrayList<>();

    PropertyFiles(Path root) {
        this.root = root;
    }

    void read(Path yml) {
        String file = root.relativize(yml).toString().replace('\\', '/');
        Map<String, Object> content = YamlFiles.readMap(yml);
        for (String key : content.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw PlaystreamException.permanent(file + ": unknown top-level key '" + key + "'");
            }
        }
        if (content.containsKey("unit_tests") || content.containsKey("snapshots") || content.containsKey("seeds")) {
            throw PlaystreamException.permanent(file + ": unit_tests, seeds and snapshots are not supported by the runner");
        }
        for (Object entry : YamlFiles.asList(content.get("models"))) {
            readModel(YamlFiles.asMap(entry, file + " models"), file);
        }
        for (Object entry : YamlFiles.asList(content.get("sources"))) {
            readSource(YamlFiles.asMap(entry, file + " sources"), file);
        }
    }

    private void readModel(Map<String, Object> model, String file) {
        String name = String.valueOf(model.get("name"));
        if (modelFiles.put(name, file) != null) {
            throw PlaystreamException.permanent(file + ": model '" + name + "' is described twice");
        }
        modelConfigs.put(name, YamlFiles.asMap(model.get("config"), file + " " + name + ".config"));
        modelDescriptions.put(name, String.valueOf(model.getOrDefault("description", "")));
        TestSpecs specs = new TestSpecs(file);
        for (Object test : testsOf(model)) {
            tests.add(specs.parse(test, name, null, null));
        }
        for (Object entry : YamlFiles.asList(model.get("columns"))) {
            Map<String, Object> column = YamlFiles.asMap(entry, file + " " + name + ".columns");
            for (Object test : testsOf(column)) {
                tests.add(specs.parse(test, name, null, String.valueOf(column.get("name"))));
            }
        }
    }

    private void readSource(Map<String, Object> source, String file) {
        String sourceName = String.valueOf(source.get("name"));
        String schema = SqlNames.requirePlain(String.valueOf(source.getOrDefault("schema", sourceName)),
                file + " sources." + sourceName + ".schema");
        TestSpecs specs = new TestSpecs(file);
        for (Object entry : YamlFiles.asList(source.get("tables"))) {
            Map<String, Object> table = YamlFiles.asMap(entry, file + " " + sourceName + ".tables");
            String tableName = String.valueOf(table.get("name"));
            Map<String, Object> freshness = YamlFiles.asMap(table.getOrDefault("freshness", source.get("freshness")), file + " freshness");
            Object loadedAt = table.getOrDefault("loaded_at_field", source.get("loaded_at_field"));
            String identifier = SqlNames.requirePlain(String.valueOf(table.getOrDefault("identifier", tableName)),
                    file + " sources." + sourceName + ".tables." + tableName + ".identifier");
            SourceTable st = new SourceTable(sourceName, tableName, schema, identifier, file, freshness,
                    loadedAt == null ? null : String.valueOf(loadedAt));
            sources.add(st);
            for (Object test : testsOf(table)) {
                tests.add(specs.parse(test, null, st, null));
            }
            for (Object col : YamlFiles.asList(table.get("columns"))) {
                Map<String, Object> column = YamlFiles.asMap(col, file + " " + tableName + ".columns");
                for (Object test : testsOf(column)) {
                    tests.add(specs.parse(test, null, st, String.valueOf(column.get("name"))));
                }
            }
        }
    }

    private static List<Object> testsOf(Map<String, Object> node) {
        List<Object> all = new ArrayList<>(YamlFiles.asList(node.get("tests")));
        all.addAll(YamlFiles.asList(node.get("data_tests")));
        return all;
    }

    Map<String, Object> modelConfig(String model) {
        return new LinkedHashMap<>(modelConfigs.getOrDefault(model, Map.of()));
    }

    String modelDescription(String model) {
        return modelDescriptions.getOrDefault(model, "");
    }

    void checkAllDescribedModelsExist(List<ModelFile> models) {
        for (Map.Entry<String, String> described : modelFiles.entrySet()) {
            if (models.stream().noneMatch(m -> m.name().equals(described.getKey()))) {
                throw PlaystreamException.permanent(described.getValue() + ": model '" + described.getKey() + "' has no SQL file");
            }
        }
    }

    List<SourceTable> sources() {
        return List.copyOf(sources);
    }

    List<TestDefinition> tests() {
        return List.copyOf(tests);
    }
}
