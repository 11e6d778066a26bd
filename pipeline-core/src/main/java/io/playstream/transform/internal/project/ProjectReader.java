package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Reads a dbt project folder: dbt_project.yml, packages.yml, profiles.yml, models, macros, tests. */
public final class ProjectReader {

    public static final List<String> DEFAULT_MODEL_PATHS = List.of("models");
    public static final List<String> DEFAULT_MACRO_PATHS = List.of("macros");
    public static final List<String> DEFAULT_TEST_PATHS = List.of("tests");
    public static final List<String> DEFAULT_SEED_PATHS = List.of("seeds");
    public static final List<String> DEFAULT_SNAPSHOT_PATHS = List.of("snapshots");
    public static final String DEFAULT_TARGET_PATH = "target";
    /** dbt_project.yml keys that do not change what is built (or that the runner implements). */
    static final Set<String> PROJECT_KEYS = Set.of("name", "version", "config-version", "profile", "model-paths",
            "macro-paths", "test-paths", "seed-paths", "snapshot-paths", "analysis-paths", "docs-paths", "asset-paths",
            "target-path", "clean-targets", "packages-install-path", "log-path", "require-dbt-version", "vars", "models", "seeds",
            "snapshots", RunHooks.ON_RUN_START, RunHooks.ON_RUN_END);

    private final Path root;

    public ProjectReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Reads the project for a warehouse of adapter type {@code adapterType}.
     *
     * @param renderProfileValue renders Jinja in profiles.yml values (e.g. {@code env_var})
     */
    public DbtProject read(String adapterType, UnaryOperator<String> renderProfileValue) {
        Path projectFile = root.resolve("dbt_project.yml");
        if (!Files.isRegularFile(projectFile)) {
            throw PlaystreamException.permanent("not a dbt project: " + projectFile + " is missing");
        }
        Map<String, Object> settings = YamlFiles.readMap(projectFile);
        for (String key : settings.keySet()) {
            if (!PROJECT_KEYS.contains(key)) {
                throw PlaystreamException.permanent("dbt_project.yml: unsupported key '" + key + "' (the runner supports "
                        + String.join(", ", PROJECT_KEYS.stream().sorted().toList()) + ")");
            }
        }
        String name = String.valueOf(settings.get("name"));
        FolderConfigs folders = new FolderConfigs(name, YamlFiles.asMap(settings.get("models"), "dbt_project.yml models"));
        PropertyFiles properties = new PropertyFiles(root);
        List<ModelFile> models = new ArrayList<>();
        for (String modelPath : paths(settings, "model-paths", DEFAULT_MODEL_PATHS)) {
            Path dir = root.resolve(modelPath);
            for (Path yml : files(dir, ".yml", ".yaml")) {
                properties.read(yml);
            }
            for (Path sql : files(dir, ".sql")) {
                models.add(model(dir, sql, folders, properties));
            }
        }
        List<ModelFile> seeds = new SeedFiles(root, name, settings).read(paths(settings, "seed-paths", DEFAULT_SEED_PATHS), properties);
        SnapshotFiles snapshotFiles = new SnapshotFiles(root, name, settings);
        List<String> snapshotPaths = paths(settings, "snapshot-paths", DEFAULT_SNAPSHOT_PATHS);
        snapshotFiles.readProperties(snapshotPaths, properties);
        List<ModelFile> snapshots = snapshotFiles.read(snapshotPaths, paths(settings, "model-paths", DEFAULT_MODEL_PATHS), properties);
        properties.checkAllDescribedModelsExist(models, seeds, snapshots);
        properties.checkExposuresReadModels(models);
        return new DbtProject(name, root,
                YamlFiles.asMap(settings.get("vars"), "dbt_project.yml vars"),
                new PackagesFile(root).packageNames(),
                models, properties.sources(), properties.tests(), properties.exposures(),
                sqlFiles(paths(settings, "test-paths", DEFAULT_TEST_PATHS)).stream()
                        .filter(f -> !UnitTestFixtures.isFixture(f.path())).toList(),
                sqlFiles(paths(settings, "macro-paths", DEFAULT_MACRO_PATHS)),
                String.valueOf(settings.getOrDefault("target-path", DEFAULT_TARGET_PATH)),
                new ProfilesFile(root).target(String.valueOf(settings.get("profile")), adapterType, renderProfileValue),
                seeds, properties.unitTests(new UnitTestFixtures(root, paths(settings, "test-paths", DEFAULT_TEST_PATHS))), snapshots);
    }

    private ModelFile model(Path dir, Path sql, FolderConfigs folders, PropertyFiles properties) {
        String name = baseName(sql);
        List<String> subFolders = new ArrayList<>();
        dir.relativize(sql.getParent()).forEach(p -> {
            if (!p.toString().isEmpty()) {
                subFolders.add(p.toString());
            }
        });
        // dbt_project.yml may key a model's config by its name below its folders, as a seed's
        List<String> fqn = new ArrayList<>(subFolders);
        fqn.add(name);
        Map<String, Object> general = ModelHooks.normalized(folders.configFor(fqn));
        Map<String, Object> specific = ModelHooks.normalized(properties.modelConfig(name));
        Map<String, Object> config = new LinkedHashMap<>(general);
        config.putAll(specific);
        // the YAML's hooks run after dbt_project.yml's, and its grants merge with them, as in dbt
        ModelHooks.addUp(general, specific, config);
        Grants.merge(general, specific, config);
        return new ModelFile(sqlFile(root, sql), subFolders, config, properties.modelDescription(name), properties.modelColumns(name),
                properties.modelFile(name));
    }

    private List<DbtProject.SqlFile> sqlFiles(List<String> dirs) {
        List<DbtProject.SqlFile> result = new ArrayList<>();
        for (String dir : dirs) {
            files(root.resolve(dir), ".sql").forEach(f -> result.add(sqlFile(root, f)));
        }
        return result;
    }

    static DbtProject.SqlFile sqlFile(Path root, Path file) {
        try {
            return new DbtProject.SqlFile(root.relativize(file).toString().replace('\\', '/'), baseName(file), Files.readString(file));
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    static List<String> paths(Map<String, Object> settings, String key, List<String> defaults) {
        Object value = settings.get(key);
        return value == null ? defaults : YamlFiles.asList(value).stream().map(String::valueOf).toList();
    }

    static List<Path> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
