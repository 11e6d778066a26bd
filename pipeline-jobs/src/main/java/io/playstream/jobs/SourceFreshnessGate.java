package io.playstream.jobs;

import io.playstream.PlaystreamException;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.transform.FreshnessResult;
import io.playstream.transform.FreshnessRun;
import io.playstream.transform.FreshnessStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source freshness check of the app's pipeline runs: dbt's {@code source freshness} on the
 * project's sources as their {@code freshness:} says (bronze: {@code loaded_at_field: _loaded_at},
 * warn after 2 hours, error after 24), written to {@code sources.json} beside the run's other
 * artifacts, where the status API reads it. Past {@code warn_after} the run logs a warning and goes
 * on; past {@code error_after} it fails. A source that cannot be measured (no bronze table or no
 * row yet: nothing was ever loaded) is logged and does not fail the run, since an empty pipeline
 * is one that has not started, not one that stopped.
 */
final class SourceFreshnessGate {

    /** Sources past {@code warn_after} (not past {@code error_after}). */
    static final String FRESHNESS_WARN = "freshness_warn";
    /** Sources past {@code error_after}. */
    static final String FRESHNESS_ERROR = "freshness_error";

    private static final Logger LOG = LoggerFactory.getLogger(SourceFreshnessGate.class);

    private final TransformRunner runner;

    SourceFreshnessGate(TransformRunner runner) {
        this.runner = runner;
    }

    /** Measures every source with thresholds and writes sources.json; fails nothing yet ({@link Checked#failIfStale}). */
    Checked check(TransformOptions options) {
        FreshnessRun run = runner.freshness(options);
        for (FreshnessResult result : run.results()) {
            switch (result.status()) {
                case WARN -> LOG.warn("Source freshness(source={}) WARN: newest {} is {} old, past warn_after {}",
                        result.uniqueId(), result.maxLoadedAt(), age(result), result.criteria().get("warn_after"));
                case ERROR -> LOG.error("Source freshness(source={}) ERROR: newest {} is {} old, past error_after {}",
                        result.uniqueId(), result.maxLoadedAt(), age(result), result.criteria().get("error_after"));
                case RUNTIME_ERROR -> LOG.info("Source freshness(source={}) not measured: {}", result.uniqueId(), result.error());
                default -> LOG.debug("Source freshness(source={}) pass: {} old", result.uniqueId(), age(result));
            }
        }
        return new Checked(run.results());
    }

    /** What one check found. */
    record Checked(List<FreshnessResult> results) {

        /** {@code base} with the counts of sources past warn_after and past error_after. */
        Map<String, Long> counts(Map<String, Long> base) {
            Map<String, Long> counts = new LinkedHashMap<>(base);
            counts.put(FRESHNESS_WARN, results.stream().filter(r -> r.status() == FreshnessStatus.WARN).count());
            counts.put(FRESHNESS_ERROR, (long) stale().size());
            return counts;
        }

        /** One line for the stage's summary, e.g. {@code source freshness: pass}. */
        String summary() {
            if (results.isEmpty()) {
                return "no source freshness configured";
            }
            return "source freshness: " + results.stream().map(r -> shortId(r) + " " + r.status()).collect(Collectors.joining(", "));
        }

        /** A permanent failure naming each source past its {@code error_after}: waiting does not make bronze fresher. */
        void failIfStale(String context) {
            List<FreshnessResult> stale = stale();
            if (!stale.isEmpty()) {
                throw PlaystreamException.permanent(context + "bronze is stale: " + stale.stream()
                        .map(r -> shortId(r) + "'s newest row was loaded at " + r.maxLoadedAt() + ", " + age(r)
                                + " ago, past error_after " + r.criteria().get("error_after"))
                        .collect(Collectors.joining("; ")) + " (is the loader running?)");
            }
        }

        private List<FreshnessResult> stale() {
            return results.stream().filter(r -> r.status() == FreshnessStatus.ERROR).toList();
        }
    }

    private static String shortId(FreshnessResult result) {
        return result.uniqueId().replaceFirst("^source\\.[^.]+\\.", "");
    }

    private static String age(FreshnessResult result) {
        double seconds = result.ageSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%.1f h", seconds / 3600)
                : String.format(Locale.ROOT, "%.0f s", seconds);
    }
}
