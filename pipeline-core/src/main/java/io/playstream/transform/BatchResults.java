package io.playstream.transform;

import java.util.List;

/** A microbatch model's batches, as run_results.json's {@code batch_results}: [start, end] pairs. */
public record BatchResults(List<List<String>> successful, List<List<String>> failed) {

    public BatchResults {
        successful = List.copyOf(successful);
        failed = List.copyOf(failed);
    }

    /** dbt's status of the model: success, partial success, or error when no batch succeeded. */
    public NodeStatus status() {
        return failed.isEmpty() ? NodeStatus.SUCCESS : successful.isEmpty() ? NodeStatus.ERROR : NodeStatus.PARTIAL_SUCCESS;
    }
}
