package io.playstream.transform.internal.project;

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

    /** An exposure's dependency: {@code ref('model')}. */
    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");

    /** A YAML snapshot's source relation: {@code source('source', 'table')}. */
    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
            "\\s*source\\(\\s*['\"][^'\"]+['\"]\\s*,\\s*['\"][^'\"]+['\"]\\s*\\)\\s*");

    private final Path root;
    private final Map<String, Map<String, Object>> modelConfigs = new HashMap<>();
    private final Map<String, String> modelDescriptions = new HashMap<>();
    private final Map<String, String> modelFiles = new HashMap<>();
    private final List<SourceTable> sources = new ArrayList<>();
    private final List<TestDefinition> tests = new ArrayList<>();
    private final Map<String, List<ColumnDoc>> modelColumns = new HashMap<>();
    private final List<Exposure> exposures = new ArrayList<>();
    /** Each {@code unit_tests:} entry with its file, parsed once the fixture files are known. */
    private final List<Map.Entry<String, Map<String, Object>>> unitTests = new ArrayList<>();

    /** The {@code snapshots:} entries defined in YAML ({@code relation:}), by name. */
    private final Map<String, YamlSnapshot> yamlSnapshots = new LinkedHashMap<>();

    /** A snapshot defined in YAML: its file and what it snapshots, {@code ref('model')} or {@code source('s', 't')}. */
    record YamlSnapshot(String file, String relation) {
    }

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
        for (Object entry : YamlFiles.asList(content.get("models"))) {
            readModel(YamlFiles.asMap(entry, file + " models"), file);
        }
        for (Object entry : YamlFiles.asList(content.get("seeds"))) {
            readModel(YamlFiles.asMap(entry, file + " seeds"), file);
        }
        for (Object entry : YamlFiles.asList(content.get("snapshots"))) {
            Map<String, Object> snapshot = YamlFiles.asMap(entry, file + " snapshots");
            readModel(snapshot, file);
            if (snapshot.containsKey("relation")) {
                yamlSnapshots.put(String.valueOf(snapshot.get("name")), new YamlSnapshot(file, relation(snapshot, file)));
            }
        }
        for (Object entry : YamlFiles.asList(content.get("unit_tests"))) {
            unitTests.add(Map.entry(file, YamlFiles.asMap(entry, file + " unit_tests")));
        }
        for (Object entry : YamlFiles.asList(content.get("sources"))) {
            readSource(YamlFiles.asMap(entry, file + " sources"), file);
        }
        for (Object entry : YamlFiles.asList(content.get("exposures"))) {
            exposures.add(exposure(YamlFiles.asMap(entry, file + " exposures"), file));
        }
    }

    /** A YAML snapshot's {@code relation}: one ref() or source() call, as dbt parses it statically. */
    private static String relation(Map<String, Object> snapshot, String file) {
        String relation = String.valueOf(snapshot.get("relation")).strip();
        if (!REF.matcher(relation).matches() && !SOURCE.matcher(relation).matches()) {
            throw PlaystreamException.permanent(file + ": snapshot '" + snapshot.get("name") + "' relation '" + relation
                    + "': expected ref('model') or source('source', 'table')");
        }
        return relation;
    }

    /** An exposure; its {@code depends_on} may only ref models (what the runner can check). */
    private static Exposure exposure(Map<String, Object> exposure, String file) {
        String name = String.valueOf(exposure.get("name"));
        for (String required : List.of("name", "type", "owner")) {
            if (!exposure.containsKey(required)) {
                throw PlaystreamException.permanent(file + ": exposure '" + name + "' needs '" + required + "'");
            }
        }
        List<String> refs = new ArrayList<>();
        for (Object dependency : YamlFiles.asList(exposure.get("depends_on"))) {
            java.util.regex.Matcher ref = REF.matcher(String.valueOf(dependency));
            if (!ref.matches()) {
                throw PlaystreamException.permanent(file + ": exposure '" + name + "' depends_on '" + dependency
                        + "': the runner supports ref('model') only");
            }
            refs.add(ref.group(1));
        }
        Map<String, Object> properties = new LinkedHashMap<>(exposure);
        properties.remove("name");
        properties.remove("depends_on");
        return new Exposure(name, file, refs, properties);
    }

    private static List<ColumnDoc> columns(Object entries, String where) {
        List<ColumnDoc> columns = new ArrayList<>();
        for (Object entry : YamlFiles.asList(entries)) {
            Map<String, Object> column = YamlFiles.asMap(entry, where + ".columns");
            Object dataType = column.get("data_type");
            columns.add(new ColumnDoc(String.valueOf(column.get("name")), description(column),
                    dataType == null ? null : String.valueOf(dataType)));
        }
        return columns;
    }

    private static String description(Map<String, Object> node) {
        Object description = node.get("description");
        return description == null ? "" : String.valueOf(description);
    }

    private void readModel(Map<String, Object> model, String file) {
        String name = String.valueOf(model.get("name"));
        if (modelFiles.put(name, file) != null) {
            throw PlaystreamException.permanent(file + ": model, seed or snapshot '" + name + "' is described twice");
        }
        modelConfigs.put(name, YamlFiles.asMap(model.get("config"), file + " " + name + ".config"));
        modelDescriptions.put(name, description(model));
        modelColumns.put(name, columns(model.get("columns"), file + " " + name));
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

    /** A source table's {@code config: {event_time}}, else its source's, as dbt merges them. */
    private static String eventTime(Map<String, Object> table, Map<String, Object> source, String file) {
        Object own = YamlFiles.asMap(table.get("config"), file + " " + table.get("name") + ".config").get("event_time");
        Object inherited = YamlFiles.asMap(source.get("config"), file + " " + source.get("name") + ".config").get("event_time");
        Object eventTime = own != null ? own : inherited;
        return eventTime == null ? null : String.valueOf(eventTime);
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
                    loadedAt == null ? null : String.valueOf(loadedAt),
                    new SourceTable.Descriptions(description(source), description(table), columns(table.get("columns"), file + " " + tableName)),
                    eventTime(table, source, file));
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

    List<ColumnDoc> modelColumns(String model) {
        return modelColumns.getOrDefault(model, List.of());
    }

    /** The YAML file describing the model, or null. */
    String modelFile(String model) {
        return modelFiles.get(model);
    }

    List<Exposure> exposures() {
        return List.copyOf(exposures);
    }

    void checkExposuresReadModels(List<ModelFile> models) {
        for (Exposure exposure : exposures) {
            for (String ref : exposure.refs()) {
                if (models.stream().noneMatch(m -> m.name().equals(ref))) {
                    throw PlaystreamException.permanent(exposure.file() + ": exposure '" + exposure.name() + "' refs '" + ref
                            + "', which is not a model of the project");
                }
            }
        }
    }

    /** The project's unit tests; {@code fixtures} finds the fixture files they name. */
    List<UnitTestDefinition> unitTests(UnitTestFixtures fixtures) {
        return unitTests.stream().map(e -> new UnitTestSpecs(e.getKey(), fixtures).parse(e.getValue())).toList();
    }

    Map<String, YamlSnapshot> yamlSnapshots() {
        return new LinkedHashMap<>(yamlSnapshots);
    }

    void checkAllDescribedModelsExist(List<ModelFile> models, List<ModelFile> seeds, List<ModelFile> snapshots) {
        for (Map.Entry<String, String> described : modelFiles.entrySet()) {
            if (java.util.stream.Stream.of(models, seeds, snapshots).flatMap(List::stream).noneMatch(m -> m.name().equals(described.getKey()))) {
                throw PlaystreamException.permanent(described.getValue() + ": model, seed or snapshot '" + described.getKey()
                        + "' has no SQL or CSV file");
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
