package io.playstream.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.playstream.stream.SinkMetricsSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/pipeline/status}, the dashboard's health panel: the last load (from
 * {@code bronze._load_manifest}), the last transform (dbt's {@code run_results.json}), the last
 * source freshness check (dbt's {@code sources.json}), row counts of
 * every layer (with the quarantine by reason and the events gold counts), rejected lines, the sink's
 * lag and dead letters, and the JobRunr dashboard's port.
 * Unknown facts are null: a fresh app with nothing loaded answers 200 with nulls. Every time is an
 * ISO-8601 instant in UTC with {@code Z}.
 */
final class PipelineStatusApi {

    private final DashboardSources sources;
    private final GoldCompleteness completeness;
    private final ObjectMapper json;

    PipelineStatusApi(DashboardSources sources, GoldCompleteness completeness, ObjectMapper json) {
        this.sources = sources;
        this.completeness = completeness;
        this.json = json;
    }

    void show(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generated_at", Instant.now().toString());
        body.put("warehouse", sources.warehouse().map(w -> w.describe()).orElse(null));
        sources.warehouse().ifPresentOrElse(warehouse -> {
            try (Connection connection = warehouse.connect()) {
                warehouseFacts(new WarehouseFacts(connection), body);
            } catch (SQLException | RuntimeException e) {
                body.put("warehouse_error", "cannot read the warehouse: " + e.getClass().getSimpleName());
            }
        }, () -> body.put("warehouse_error", "this server runs without a warehouse"));
        body.put("completeness", completeness(completeness.snapshot(), Instant.now()));
        body.put("last_transform", sources.transformTarget().flatMap(target -> TransformResults.read(target, json)).orElse(null));
        body.put("source_freshness", sources.transformTarget().flatMap(target -> SourceFreshnessResults.read(target, json)).orElse(null));
        body.put("stream", sources.sink().map(sink -> stream(sink.get())).orElse(null));
        // path: where this server serves it, behind the token; port: JobRunr's own server, on loopback
        body.put("jobs_dashboard", sources.jobsDashboard()
                .map(address -> Map.of("port", address.getPort(), "path", "/dashboard")).orElse(null));
        ctx.json(body);
    }

    private static void warehouseFacts(WarehouseFacts facts, Map<String, Object> body) {
        List<Object> load = facts.row("select max(loaded_at), count(*), sum(row_count), sum(rejected_lines) from bronze._load_manifest", 4);
        Map<String, Object> lastLoad = new LinkedHashMap<>();
        lastLoad.put("loaded_at", SqlValues.utcInstant(load.get(0)));
        lastLoad.put("objects", load.get(1));
        lastLoad.put("rows", load.get(2));
        lastLoad.put("rejected_lines", load.get(3));
        body.put("last_load", load.get(0) == null ? null : lastLoad);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("bronze", facts.value("select count(*) from bronze.spotify_events"));
        rows.put("silver", facts.value("select count(*) from silver.stg_events"));
        rows.put("quarantine", facts.value("select count(*) from silver.stg_events_quarantine"));
        rows.put("quarantine_by_reason", facts.counts("select reject_reason, count(*) from silver.stg_events_quarantine"
                + " group by reject_reason order by count(*) desc, reject_reason"));
        Map<String, Object> gold = new LinkedHashMap<>();
        for (GoldTable table : GoldTable.values()) {
            gold.put(table.tableName(), facts.value("select count(*) from " + GoldTable.SCHEMA + "." + table.tableName()));
        }
        rows.put("gold", gold);
        // every silver event is counted once in gold's per-device totals: the figure to hold against silver
        rows.put("gold_events", facts.value("select sum(events) from " + GoldTable.SCHEMA + "."
                + GoldTable.ENGAGEMENT_BY_DEVICE.tableName()));
        body.put("rows", rows);
        body.put("rejected_lines", facts.value("select count(*) from bronze._rejected_lines"));
        body.put("latest_event_at", SqlValues.utcInstant(facts.value("select max(event_at) from silver.stg_events")));
    }

    /** Gold's watermark and its lag, the loaded (bronze) watermark over how many partitions, whether gold is behind the loads. */
    static Map<String, Object> completeness(io.playstream.warehouse.Completeness.Snapshot snapshot, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gold_complete_through", snapshot.goldThrough().map(Instant::toString).orElse(null));
        body.put("gold_lag_seconds", snapshot.goldThrough().map(t -> java.time.Duration.between(t, now).toMillis() / 1000.0).orElse(null));
        body.put("loaded_complete_through", snapshot.loadedThrough().map(Instant::toString).orElse(null));
        body.put("partitions", snapshot.partitions());
        body.put("gold_behind_loads", snapshot.goldBehind());
        return body;
    }

    private static Map<String, Object> stream(SinkMetricsSnapshot sink) {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("lag_records", sink.lag());
        stream.put("assigned_partitions", sink.assignedPartitions());
        stream.put("dead_letters", sink.deadLetters());
        stream.put("records_in", sink.recordsIn());
        stream.put("bronze_lines", sink.bronzeLines());
        stream.put("files", sink.files());
        stream.put("flush_failures", sink.flushFailures());
        return stream;
    }
}
