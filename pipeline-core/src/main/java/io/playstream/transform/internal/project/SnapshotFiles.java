package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snapshots of a project, in both of dbt's forms: a {@code {% snapshot name %} ... {% endsnapshot %}}
 * block in a .sql file of the snapshot paths (its text between the tags is the query), and a
 * {@code snapshots:} entry with {@code relation: ref('model')} (or {@code source(...)}) in a YAML file
 * (dbt 1.9+: the query is {@code select * from} that relation). Config comes as for models: the
 * {@code snapshots:} block of dbt_project.yml by fqn, the YAML entry's {@code config:} over it, the
 * block's own {@code config()} call last (applied when compiled).
 *
 * <p>Each snapshot is a {@link ModelFile} whose {@code folders} are its fqn between project and name:
 * for a block dbt counts the file's name as a folder ({@code snapshots/a.sql} with block {@code b} is
 * {@code [project, a, b]}), for a YAML entry only the folders.
 */
final class SnapshotFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "\\{%-?\\s*snapshot\\s+(\\w+)\\s*-?%}(.*?)\\{%-?\\s*endsnapshot\\s*-?%}", Pattern.DOTALL);
    private static final Pattern OPENING = Pattern.compile("\\{%-?\\s*snapshot\\b");

    private final Path root;
    private final FolderConfigs folders;

    SnapshotFiles(Path root, String projectName, Map<String, Object> settings) {
        this.root = root;
        this.folders = new FolderConfigs(projectName, YamlFiles.asMap(settings.get("snapshots"), "dbt_project.yml snapshots"));
    }

    /** Reads the YAML files of the snapshot paths into {@code properties} (the model paths' are read already). */
    void readProperties(List<String> snapshotPaths, PropertyFiles properties) {
        for (String snapshotPath : snapshotPaths) {
            ProjectReader.files(root.resolve(snapshotPath), ".yml", ".yaml").forEach(properties::read);
        }
    }

    List<ModelFile> read(List<String> snapshotPaths, List<String> modelPaths, PropertyFiles properties) {
        List<ModelFile> snapshots = new ArrayList<>();
        for (String snapshotPath : snapshotPaths) {
            Path dir = root.resolve(snapshotPath);
            for (Path sql : ProjectReader.files(dir, ".sql")) {
                DbtProject.SqlFile file = ProjectReader.sqlFile(root, sql);
                List<String> fqnFolders = subFolders(dir, sql);
                fqnFolders.add(ProjectReader.baseName(sql));
                blocks(file).forEach((name, body) -> snapshots.add(snapshot(new DbtProject.SqlFile(file.path(), name, body), fqnFolders,
                        properties, file.text())));
            }
        }
        List<String> resourcePaths = new ArrayList<>(modelPaths);
        resourcePaths.addAll(snapshotPaths);
        properties.yamlSnapshots().forEach((name, defined) -> {
            Path yml = root.resolve(defined.file());
            Path dir = resourcePaths.stream().map(root::resolve).filter(yml::startsWith).findFirst().orElse(root);
            String raw = "select * from {{ " + defined.relation() + " }}";
            snapshots.add(snapshot(new DbtProject.SqlFile(defined.file(), name, raw), subFolders(dir, yml), properties,
                    ProjectReader.sqlFile(root, yml).text()));
        });
        Set<String> names = new HashSet<>();
        for (ModelFile snapshot : snapshots) {
            if (!names.add(snapshot.name())) {
                throw PlaystreamException.permanent(snapshot.file().path() + ": two snapshots are named '" + snapshot.name() + "'");
            }
        }
        return snapshots;
    }

    /** The snapshot blocks of a file, by name; any text outside them must be blank (dbt ignores it, a typo would hide a snapshot). */
    static Map<String, String> blocks(DbtProject.SqlFile file) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(file.text());
        int end = 0;
        while (block.find()) {
            requireNoSnapshotIn(file, file.text().substring(end, block.start()));
            if (blocks.put(block.group(1), block.group(2)) != null) {
                throw PlaystreamException.permanent(file.path() + ": two snapshot blocks are named '" + block.group(1) + "'");
            }
            requireNoSnapshotIn(file, block.group(2));
            end = block.end();
        }
        requireNoSnapshotIn(file, file.text().substring(end));
        return blocks;
    }

    private static void requireNoSnapshotIn(DbtProject.SqlFile file, String text) {
        if (OPENING.matcher(text).find()) {
            throw PlaystreamException.permanent(file.path() + ": a {% snapshot %} block without its {% endsnapshot %}, or one inside another");
        }
    }

    private ModelFile snapshot(DbtProject.SqlFile file, List<String> fqnFolders, PropertyFiles properties, String fileText) {
        List<String> fqn = new ArrayList<>(fqnFolders);
        fqn.add(file.name());
        Map<String, Object> config = new LinkedHashMap<>(folders.configFor(fqn));
        config.putAll(properties.modelConfig(file.name()));
        return new ModelFile(file, fqnFolders, config, properties.modelDescription(file.name()), properties.modelColumns(file.name()),
                properties.modelFile(file.name()), fileText);
    }

    private static List<String> subFolders(Path dir, Path file) {
        List<String> subFolders = new ArrayList<>();
        dir.relativize(file.getParent()).forEach(p -> {
            if (!p.toString().isEmpty()) {
                subFolders.add(p.toString());
            }
        });
        return subFolders;
    }
}
