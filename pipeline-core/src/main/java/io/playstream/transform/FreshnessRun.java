package io.playstream.transform;

import java.nio.file.Path;
import java.util.List;

/** A {@code transform --freshness} run: each source's freshness and where sources.json was written. */
public record FreshnessRun(List<FreshnessResult> results, Path sourcesJson) {

    public FreshnessRun {
        results = List.copyOf(results);
    }

    /** As {@code dbt source freshness}: fails when a source is past {@code error_after} or could not be measured. */
    public boolean succeeded() {
        return results.stream().noneMatch(FreshnessResult::failed);
    }
}
