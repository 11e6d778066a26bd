package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.graph.CompiledProject;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.project.SourceTable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The versions of what a node reads, read just before the node is built or run: a batch that
 * commits later makes the version read here older than the data, so the next run builds again;
 * a batch is never missed. Ephemeral models are looked through (their SQL is inlined).
 */
final class InputVersions {

    /** The version of an input the runner cannot tell: a node reading it is always built. */
    static final String UNKNOWN = "unknown";

    private final CompiledProject project;
    private final SqlSession session;
    private final Function<String, String> modelVersion;

    /** @param modelVersion a model's output version by unique id, {@link #UNKNOWN} when none is recorded */
    InputVersions(CompiledProject project, SqlSession session, Function<String, String> modelVersion) {
        this.project = project;
        this.session = session;
        this.modelVersion = modelVersion;
    }

    /** @param refs the models read, by name; @param sources the sources read, as {@code source.table} */
    Map<String, String> of(Collection<String> refs, Collection<String> sources) {
        Map<String, String> versions = new TreeMap<>();
        collect(refs, sources, versions);
        return versions;
    }

    private void collect(Collection<String> refs, Collection<String> sources, Map<String, String> versions) {
        for (String ref : refs) {
            ModelNode parent = project.models().get(ref);
            if (parent.ephemeral()) {
                collect(parent.refs(), parent.sources(), versions);
            } else {
                versions.put(parent.uniqueId(), modelVersion.apply(parent.uniqueId()));
            }
        }
        for (String key : sources) {
            SourceTable source = project.sources().get(key);
            versions.put(source.uniqueId(project.project().name()), ofSource(source));
        }
    }

    /**
     * A source table's version: its row count and newest {@code loaded_at_field}. The loader appends
     * each batch with a stamp of its own (unique per batch) in one transaction, so any committed
     * batch changes the count, and a reloaded object changes the newest stamp unless its new batch
     * both began before the newest one and has exactly as many rows as before. Without a
     * {@code loaded_at_field} the version is unknown, and what reads the source is always built.
     */
    String ofSource(SourceTable source) {
        if (source.loadedAtField() == null) {
            return UNKNOWN;
        }
        List<String> row = session.queryRows("select count(*), max(" + source.loadedAtField() + ") from "
                + source.schema() + "." + source.identifier()).get(0);
        return "rows " + row.get(0) + " through " + row.get(1);
    }
}
