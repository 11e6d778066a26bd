package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** How a node is built, as dbt's {@code materialized} config names it (seeds and snapshots have their own). */
public enum Materialization {
    VIEW("view"), TABLE("table"), INCREMENTAL("incremental"), EPHEMERAL("ephemeral"), SEED("seed"), SNAPSHOT("snapshot");

    /** What a model may declare: seeds and snapshots get theirs from their kind. */
    static final Set<Materialization> OF_MODELS = EnumSet.of(VIEW, TABLE, INCREMENTAL, EPHEMERAL);

    private final String dbtName;

    Materialization(String dbtName) {
        this.dbtName = dbtName;
    }

    /** The name in dbt's config and artifacts, e.g. {@code incremental}. */
    public String dbtName() {
        return dbtName;
    }

    /** The materialization a model declares as {@code name}; {@code file} names the model in the error. */
    static Materialization ofModel(String name, String file) {
        return Arrays.stream(values()).filter(m -> m.dbtName.equals(name) && OF_MODELS.contains(m)).findFirst()
                .orElseThrow(() -> PlaystreamException.permanent(file + ": unsupported materialized '" + name + "' (accepted: "
                        + String.join(", ", OF_MODELS.stream().map(Materialization::dbtName).sorted().toList()) + ")"));
    }

    /** The materialization of a config already validated (a model's, or the one a seed or snapshot is given). */
    static Materialization of(String name) {
        return Arrays.stream(values()).filter(m -> m.dbtName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unvalidated materialized '" + name + "'"));
    }

    @Override
    public String toString() {
        return dbtName;
    }
}
