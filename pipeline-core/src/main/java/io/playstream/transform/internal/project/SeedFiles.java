package io.playstream.transform.internal.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seeds of a project: every CSV file of its seed paths, with the config of dbt_project.yml's
 * {@code seeds:} block (by folder, as for models) and the {@code seeds:} entries of YAML property
 * files (read from the seed paths too, as dbt does) laid over it.
 */
final class SeedFiles {

    private final Path root;
    private final FolderConfigs folders;

    SeedFiles(Path root, String projectName, Map<String, Object> settings) {
        this.root = root;
        this.folders = new FolderConfigs(projectName, YamlFiles.asMap(settings.get("seeds"), "dbt_project.yml seeds"));
    }

    List<ModelFile> read(List<String> seedPaths, PropertyFiles properties) {
        for (String seedPath : seedPaths) {
            ProjectReader.files(root.resolve(seedPath), ".yml", ".yaml").forEach(properties::read);
        }
        List<ModelFile> seeds = new ArrayList<>();
        for (String seedPath : seedPaths) {
            Path dir = root.resolve(seedPath);
            ProjectReader.files(dir, ".csv").forEach(csv -> seeds.add(seed(dir, csv, properties)));
        }
        return seeds;
    }

    private ModelFile seed(Path dir, Path csv, PropertyFiles properties) {
        String name = ProjectReader.baseName(csv);
        List<String> subFolders = new ArrayList<>();
        dir.relativize(csv.getParent()).forEach(p -> {
            if (!p.toString().isEmpty()) {
                subFolders.add(p.toString());
            }
        });
        // dbt configures by fqn: folders, then the seed's own name (e.g. seeds: project: countries: +column_types)
        List<String> fqn = new ArrayList<>(subFolders);
        fqn.add(name);
        Map<String, Object> config = new LinkedHashMap<>(folders.configFor(fqn));
        config.putAll(properties.modelConfig(name));
        return new ModelFile(ProjectReader.sqlFile(root, csv), subFolders, config, properties.modelDescription(name),
                properties.modelColumns(name), properties.modelFile(name));
    }
}
