package io.playstream.replay;

import io.playstream.PlaystreamException;
import io.playstream.event.EventFields;
import io.playstream.event.EventRules;
import io.playstream.event.RejectReason;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sends silver's quarantined rows through today's rules again. They are in bronze already, so a
 * real run is a rebuild from bronze of silver and everything built on it ({@link #REBUILD}, a full
 * refresh: dbt snapshots are kept, as a full refresh keeps them). A full refresh is a pure function
 * of bronze and the project, so a second run, or one after a crash half-way, gives the same tables
 * and never a duplicate in silver; a run that finds nothing passing rebuilds nothing.
 *
 * <p>The dry run judges each quarantined row with {@link EventRules}, the Java copy of silver's
 * rules that {@code EventContractAgreementIT} holds equal to the project's SQL on one corpus, with
 * the time window of the project's vars ({@code earliest_event_at}, {@code max_clock_skew_hours}).
 * Duplicates are not judged: a changed rule never makes a second copy of an event welcome.
 */
public final class QuarantineReplay {

    /** What a real run rebuilds: silver and its children. */
    public static final String REBUILD = "stg_events+ stg_events_quarantine+";

    static final String EARLIEST_EVENT_AT = "earliest_event_at";
    static final String MAX_CLOCK_SKEW_HOURS = "max_clock_skew_hours";

    private static final String QUARANTINED = "select q.reject_reason, q.event_id, q.user_id, q.song_id, q.event_type,"
            + " q.event_timestamp, q.position_ms, q.duration_ms, q.schema_version, q._loaded_at,"
            + " case when exists (select 1 from silver.stg_events s where s.event_id = q.event_id) then 1 else 0 end"
            + " from silver.stg_events_quarantine q where q.reject_reason <> '"
            + RejectReason.DUPLICATE_EVENT_ID.quarantineCode() + "'";

    private final Warehouse warehouse;
    private final TransformRunner runner;
    private final TransformOptions options;

    /**
     * @param options the project and vars silver is built with; a real run rebuilds with them,
     *                selecting {@link #REBUILD} with a full refresh
     */
    public QuarantineReplay(Warehouse warehouse, TransformRunner runner, TransformOptions options) {
        this.warehouse = warehouse;
        this.runner = runner;
        this.options = options;
    }

    /** What a replay would free, by reason, changing nothing. */
    public QuarantineReport dryRun() {
        EventRules.TimeWindow window = timeWindow();
        SortedMap<String, Long> passing = new TreeMap<>();
        SortedMap<String, Long> stillFailing = new TreeMap<>();
        Set<String> newEvents = new HashSet<>();
        long judged = 0;
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(QUARANTINED)) {
            while (rows.next()) {
                judged++;
                Map<String, String> fields = fields(rows);
                Instant loadedAt = rows.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                Optional<RejectReason> broken = EventRules.firstBroken(fields::get, loadedAt, window);
                if (broken.isPresent()) {
                    stillFailing.merge(broken.get().quarantineCode(), 1L, Long::sum);
                    continue;
                }
                passing.merge(rows.getString(1), 1L, Long::sum);
                if (rows.getInt(11) == 0) {
                    newEvents.add(fields.get(EventFields.EVENT_ID));
                }
            }
        } catch (SQLException e) {
            throw PlaystreamException.permanent("cannot read silver.stg_events_quarantine (has the project been built?): "
                    + e.getMessage(), e);
        }
        return new QuarantineReport(judged, passing, stillFailing, newEvents.size(), Optional.empty());
    }

    /** The dry run's verdict, then, when any row passes, the rebuild of silver and its children. */
    public QuarantineReport apply() {
        QuarantineReport report = dryRun();
        if (report.passingCount() == 0) {
            return report;
        }
        RunSummary rebuild = runner.run(options.withSelect(REBUILD).withFullRefresh(true));
        return report.withRebuild(rebuild);
    }

    private static Map<String, String> fields(ResultSet rows) throws SQLException {
        Map<String, String> fields = new HashMap<>();
        fields.put(EventFields.EVENT_ID, rows.getString(2));
        fields.put(EventFields.USER_ID, rows.getString(3));
        fields.put(EventFields.SONG_ID, rows.getString(4));
        fields.put(EventFields.EVENT_TYPE, rows.getString(5));
        fields.put(EventFields.TIMESTAMP, rows.getString(6));
        fields.put(EventFields.POSITION_MS, rows.getString(7));
        fields.put(EventFields.DURATION_MS, rows.getString(8));
        fields.put(EventFields.SCHEMA_VERSION, rows.getString(9));
        return fields;
    }

    /** The project's time window, with the options' vars over the project's own, as a build reads them. */
    private EventRules.TimeWindow timeWindow() {
        Map<String, Object> vars = new LinkedHashMap<>(runner.compile(options).project().vars());
        vars.putAll(options.vars());
        String earliest = String.valueOf(require(vars, EARLIEST_EVENT_AT));
        String skew = String.valueOf(require(vars, MAX_CLOCK_SKEW_HOURS));
        try {
            return new EventRules.TimeWindow(LocalDateTime.parse(earliest.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC),
                    Duration.ofHours(Long.parseLong(skew.trim())));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("dbt vars " + EARLIEST_EVENT_AT + " ('" + earliest + "') and "
                    + MAX_CLOCK_SKEW_HOURS + " ('" + skew + "') must be a UTC date-time and whole hours", e);
        }
    }

    private static Object require(Map<String, Object> vars, String name) {
        Object value = vars.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the dbt project has no var " + name + ", which silver's rules need");
        }
        return value;
    }
}
