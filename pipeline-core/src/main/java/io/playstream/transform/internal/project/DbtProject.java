package io.playstream.transform.internal.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dbt project as read from disk: its settings, model files with their YAML properties, sources,
 * generic and singular tests, macro files, and where artifacts go ({@code target-path}).
 *
 * @param seeds the CSV files of the seed paths, each as a {@link ModelFile} whose text is the CSV
 * @param unitTests the {@code unit_tests:} of the YAML files
 * @param snapshots the snapshots, each as a {@link ModelFile} whose text is its query (see SnapshotFiles)
 */
public record DbtProject(
        String name,
        Path root,
        Map<String, Object> vars,
        List<String> packages,
        List<ModelFile> models,
        List<SourceTable> sources,
        List<TestDefinition> genericTests,
        List<Exposure> exposures,
        List<SqlFile> singularTests,
        List<SqlFile> macroFiles,
        String targetPath,
        TargetProfile profile,
        List<ModelFile> seeds,
        List<UnitTestDefinition> unitTests,
        List<ModelFile> snapshots) {

    public DbtProject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        vars = Map.copyOf(vars);
        packages = List.copyOf(packages);
        models = List.copyOf(models);
        sources = List.copyOf(sources);
        genericTests = List.copyOf(genericTests);
        exposures = List.copyOf(exposures);
        singularTests = List.copyOf(singularTests);
        macroFiles = List.copyOf(macroFiles);
        Objects.requireNonNull(targetPath, "targetPath");
        Objects.requireNonNull(profile, "profile");
        seeds = List.copyOf(seeds);
        unitTests = List.copyOf(unitTests);
        snapshots = List.copyOf(snapshots);
    }

    /** A file of Jinja SQL: its path relative to the project root (for errors and manifests) and text. */
    public record SqlFile(String path, String name, String text) {
        public SqlFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }
}
