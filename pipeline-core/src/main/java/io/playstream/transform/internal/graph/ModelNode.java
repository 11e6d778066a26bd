package io.playstream.transform.internal.graph;

import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.Materialization;
import io.playstream.transform.internal.project.ModelFile;
import io.playstream.transform.internal.project.NodeConfig;
import java.util.List;
import java.util.Objects;

/**
 * A parsed model, or a seed (a CSV file loaded into a table: config {@code materialized: seed}, as
 * dbt's seed config says, no refs or sources), or a snapshot (config {@code materialized: snapshot},
 * its query as the file's text): its file, final config, where it is built and what it reads.
 *
 * @param refs the models it selects from
 * @param sources the sources it reads, as {@code source.table}
 */
public record ModelNode(String uniqueId, ModelFile file, NodeConfig config, Relation relation,
        List<String> refs, List<String> sources) implements BuildNode {

    /** A seed's resource type. */
    public static final String SEED = "seed";
    /** A snapshot's resource type. */
    public static final String SNAPSHOT = "snapshot";

    public ModelNode {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(relation, "relation");
        refs = List.copyOf(refs);
        sources = List.copyOf(sources);
    }

    public String name() {
        return file.name();
    }

    @Override
    public String displayName() {
        return name();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.model(this);
    }

    public String path() {
        return file.file().path();
    }

    public boolean ephemeral() {
        return config.materialization() == Materialization.EPHEMERAL;
    }

    public boolean seed() {
        return config.materialization() == Materialization.SEED;
    }

    public boolean snapshot() {
        return config.materialization() == Materialization.SNAPSHOT;
    }

    /** dbt's resource type: {@code model}, {@code seed} or {@code snapshot}. */
    public String resourceType() {
        return seed() ? SEED : snapshot() ? SNAPSHOT : "model";
    }
}
