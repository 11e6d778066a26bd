package io.playstream.transform.graph;

import io.playstream.transform.jinja.Relation;
import io.playstream.transform.project.ModelFile;
import io.playstream.transform.project.NodeConfig;
import java.util.List;
import java.util.Objects;

/**
 * A parsed model: its file, final config, where it is built and what it reads.
 *
 * @param refs the models it selects from
 * @param sources the sources it reads, as {@code source.table}
 */
public record ModelNode(String uniqueId, ModelFile file, NodeConfig config, Relation relation,
        List<String> refs, List<String> sources) {

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

    public String path() {
        return file.file().path();
    }

    public boolean ephemeral() {
        return config.materialized().equals("ephemeral");
    }
}
