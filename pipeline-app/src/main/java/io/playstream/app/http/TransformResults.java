package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The last transform as told by dbt's {@code target/run_results.json} (written by the app's runner
 * and by real dbt alike): when it ended, how long it took, and how many nodes ended in each status.
 */
final class TransformResults {

    private static final Set<String> FAILED = Set.of("error", "fail", "runtime error");

    private TransformResults() {
    }

    /** The summary, or empty when no transform has written its results yet or the file is unreadable. */
    static Optional<Map<String, Object>> read(Path targetDir, ObjectMapper json) {
        return DbtArtifact.read(targetDir, "run_results.json", json).map(TransformResults::summary);
    }

    private static Map<String, Object> summary(JsonNode root) {
        Map<String, Integer> statuses = new TreeMap<>();
        for (JsonNode result : root.path("results")) {
            statuses.merge(result.path("status").asText("unknown"), 1, Integer::sum);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("finished_at", root.path("metadata").path("generated_at").asText(null));
        summary.put("elapsed_seconds", root.path("elapsed_time").isNumber() ? root.path("elapsed_time").asDouble() : null);
        summary.put("status", statuses.keySet().stream().anyMatch(FAILED::contains) ? "error" : "success");
        summary.put("nodes", statuses.values().stream().mapToInt(Integer::intValue).sum());
        summary.put("statuses", statuses);
        return summary;
    }
}
