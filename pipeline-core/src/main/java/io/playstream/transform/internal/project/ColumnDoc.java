package io.playstream.transform.internal.project;

import java.util.Objects;

/** A column as a YAML property file describes it (for the manifest and docs; nothing is built from it). */
public record ColumnDoc(String name, String description, String dataType) {

    public ColumnDoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
