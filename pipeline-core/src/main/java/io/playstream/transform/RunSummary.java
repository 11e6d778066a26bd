package io.playstream.transform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a transform run did: every node's result and where dbt's artifacts were written.
 *
 * @param targetDir the folder holding run_results.json and manifest.json
 */
public record RunSummary(List<NodeResult> results, double elapsedSeconds, Path targetDir) {

    public RunSummary {
        results = List.copyOf(results);
    }

    /** True when no model errored and no test failed (warnings allowed). */
    public boolean succeeded() {
        return results.stream().noneMatch(NodeResult::failed);
    }

    /** The nodes with this status, reused ones included. */
    public long count(NodeStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** The nodes reused because nothing they read changed since their last success. */
    public long reused() {
        return results.stream().filter(NodeResult::reused).count();
    }

    public Optional<NodeResult> result(String uniqueId) {
        return results.stream().filter(r -> r.uniqueId().equals(uniqueId)).findFirst();
    }
}
