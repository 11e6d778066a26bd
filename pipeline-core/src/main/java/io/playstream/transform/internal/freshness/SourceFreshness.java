package io.playstream.transform.internal.freshness;

import io.playstream.transform.FreshnessStatus;
import io.playstream.transform.FreshnessResult;
import io.playstream.PlaystreamException;
import io.playstream.transform.internal.project.SourceTable;
import io.playstream.transform.internal.project.SqlNames;
import io.playstream.transform.internal.project.YamlFiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dbt source freshness}: for each source table with a {@code loaded_at_field} and
 * {@code freshness:} thresholds, the age of its newest row, judged {@code error} past
 * {@code error_after}, {@code warn} past {@code warn_after}, else {@code pass}. The field holds UTC
 * without a time zone (the loader's contract), and the age is taken against this machine's clock.
 */
public final class SourceFreshness {

    private final String project;

    public SourceFreshness(String project) {
        this.project = project;
    }

    public List<FreshnessResult> check(Connection connection, Iterable<SourceTable> sources) {
        List<FreshnessResult> results = new ArrayList<>();
        for (SourceTable source : sources) {
            if (source.loadedAtField() != null && !source.freshness().isEmpty()) {
                results.add(check(connection, source));
            }
        }
        return results;
    }

    private FreshnessResult check(Connection connection, SourceTable source) {
        String id = source.uniqueId(project);
        String field = SqlNames.requirePlain(source.loadedAtField(), source.file() + " " + source.sourceName() + ".loaded_at_field");
        Instant started = Instant.now();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select max(" + field + ") from " + source.schema() + "." + source.identifier())) {
            rs.next();
            LocalDateTime newest = rs.getObject(1, LocalDateTime.class);
            Instant now = Instant.now();
            if (newest == null) {
                return new FreshnessResult(id, FreshnessStatus.RUNTIME_ERROR, null, now, source.freshness(),
                        source.schema() + "." + source.identifier() + " has no rows: no " + field + " to measure", started, now);
            }
            Instant loadedAt = newest.toInstant(ZoneOffset.UTC);
            double age = (now.toEpochMilli() - loadedAt.toEpochMilli()) / 1000.0;
            FreshnessStatus status = exceeded(source, "error_after", age) ? FreshnessStatus.ERROR
                    : exceeded(source, "warn_after", age) ? FreshnessStatus.WARN : FreshnessStatus.PASS;
            return new FreshnessResult(id, status, loadedAt, now, source.freshness(), null, started, now);
        } catch (SQLException e) {
            Instant now = Instant.now();
            return new FreshnessResult(id, FreshnessStatus.RUNTIME_ERROR, null, now, source.freshness(), e.getMessage(), started, now);
        }
    }

    private static boolean exceeded(SourceTable source, String threshold, double ageSeconds) {
        Map<String, Object> time = YamlFiles.asMap(source.freshness().get(threshold), source.file() + " freshness." + threshold);
        if (time.get("count") == null || time.get("period") == null) {
            return false;
        }
        long seconds = switch (String.valueOf(time.get("period"))) {
            case "minute" -> 60;
            case "hour" -> 3600;
            case "day" -> 86400;
            default -> throw PlaystreamException.permanent(source.file() + ": freshness." + threshold + ".period must be minute, hour or day, found '"
                    + time.get("period") + "'");
        };
        long count;
        try {
            count = Long.parseLong(String.valueOf(time.get("count")));
        } catch (NumberFormatException e) {
            throw PlaystreamException.permanent(source.file() + ": freshness." + threshold + ".count must be a whole number, found '"
                    + time.get("count") + "'", e);
        }
        return ageSeconds > count * seconds;
    }
}
