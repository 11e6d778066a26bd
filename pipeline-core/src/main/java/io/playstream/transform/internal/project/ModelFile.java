package io.playstream.transform.internal.project;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's SQL file with the config from dbt_project.yml folders and its YAML properties merged
 * (the {@code config()} call in the SQL is applied when the model is compiled).
 *
 * @param file the SQL file
 * @param folders the folders between the model path and the file, e.g. {@code [gold]}
 * @param config folder config with the YAML {@code config:} laid over it
 * @param description the YAML description, or empty
 * @param columns the columns the YAML describes
 * @param patchFile the YAML file describing the model, or null
 * @param fileText the whole text of the file it comes from, which dbt's checksum covers: a snapshot's
 *                 {@code file} holds only its block's query, or the query a YAML entry implies
 */
public record ModelFile(DbtProject.SqlFile file, List<String> folders, Map<String, Object> config, String description,
        List<ColumnDoc> columns, String patchFile, String fileText) {

    /** A model or seed: its file is all of it. */
    public ModelFile(DbtProject.SqlFile file, List<String> folders, Map<String, Object> config, String description,
            List<ColumnDoc> columns, String patchFile) {
        this(file, folders, config, description, columns, patchFile, file.text());
    }

    public ModelFile {
        Objects.requireNonNull(file, "file");
        folders = List.copyOf(folders);
        config = Map.copyOf(config);
        Objects.requireNonNull(description, "description");
        columns = List.copyOf(columns);
        Objects.requireNonNull(fileText, "fileText");
    }

    public String name() {
        return file.name();
    }
}
