package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last source freshness check as dbt's {@code target/sources.json} tells it (the app's pipeline
 * runs write it before each transform, and on the test cadence when nothing new arrives; real dbt's
 * {@code source freshness} writes the same file): when it was checked, the worst status, and each
 * source's newest load against its thresholds.
 */
final class SourceFreshnessResults {

    /** Worst first: what the panel shows for all sources together. */
    private static final List<String> SEVERITY = List.of("error", "runtime error", "warn", "pass");

    private SourceFreshnessResults() {
    }

    /** The summary, or empty when no check has written sources.json yet or the file is unreadable. */
    static Optional<Map<String, Object>> read(Path targetDir, ObjectMapper json) {
        return DbtArtifact.read(targetDir, "sources.json", json).map(SourceFreshnessResults::summary);
    }

    private static Map<String, Object> summary(JsonNode root) {
        List<Map<String, Object>> sources = new ArrayList<>();
        String worst = null;
        for (JsonNode result : root.path("results")) {
            String status = result.path("status").asText();
            if (worst == null || rank(status) < rank(worst)) {
                worst = status;
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("unique_id", result.path("unique_id").asText());
            source.put("status", status);
            source.put("max_loaded_at", result.path("max_loaded_at").asText(null));
            source.put("age_seconds", result.path("max_loaded_at_time_ago_in_s").isNumber()
                    ? result.path("max_loaded_at_time_ago_in_s").asDouble() : null);
            source.put("warn_after", threshold(result.path("criteria").path("warn_after")));
            source.put("error_after", threshold(result.path("criteria").path("error_after")));
            source.put("error", result.path("error").asText(null));
            sources.add(source);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checked_at", root.path("metadata").path("generated_at").asText(null));
        summary.put("status", worst);
        summary.put("sources", sources);
        return summary;
    }

    private static int rank(String status) {
        int rank = SEVERITY.indexOf(status);
        return rank < 0 ? 0 : rank;
    }

    /** {@code {count: 2, period: hour}} as "2 hour", null when not set. */
    private static String threshold(JsonNode time) {
        return time.hasNonNull("count") && time.hasNonNull("period") ? time.get("count").asText() + " " + time.get("period").asText() : null;
    }
}
