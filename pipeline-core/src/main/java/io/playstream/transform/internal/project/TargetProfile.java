package io.playstream.transform.internal.project;

import java.util.Objects;

/**
 * dbt's {@code target}: the profile output used for the run. The runner connects through the
 * warehouse it is given; from profiles.yml it only takes the output's name and schema.
 */
public record TargetProfile(String name, String type, String schema) {

    public TargetProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schema, "schema");
    }
}
