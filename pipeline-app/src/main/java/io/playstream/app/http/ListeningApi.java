package io.playstream.app.http;

import io.javalin.http.Context;
import io.playstream.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/listening/{view}?period=...&start=...}: a listening view ({@link ListeningView})
 * of one period or trailing range ({@link ListeningRange}), summed by the warehouse, as JSON
 * {@code {"view", "period", "first_day", "last_day", "rows"}}. Each row carries its counts, {@code
 * minutes} (time listened, to the hundredth) and, where it has plays and skips, {@code skip_rate}
 * and {@code early_skip_rate} (of plays and skips, as the marts compute them).
 */
final class ListeningApi {

    private final Optional<GoldReader> reader;

    ListeningApi(Optional<Warehouse> warehouse) {
        this.reader = warehouse.map(GoldReader::new);
    }

    void show(Context ctx) {
        String name = ctx.pathParam("view");
        ListeningView view = ListeningView.byName(name).orElseThrow(() -> new ApiError(404,
                "no listening view " + GoldQuery.printable(name) + "; views: " + ListeningView.acceptedNames()));
        ListeningRange range = ListeningRange.parse(ctx.queryParamMap());
        List<ListeningSql> statements = view.statements(range, ctx.queryParamMap());
        GoldReader gold = reader.orElseThrow(() -> new ApiError(503, "this server runs without a warehouse"));
        List<Map<String, Object>> rows = gold.withConnection("listening view " + view.viewName(), connection -> {
            for (GoldTable mart : view.marts()) {
                GoldReader.requireBuilt(connection, mart);
            }
            List<List<Map<String, Object>>> answers = new ArrayList<>();
            for (ListeningSql statement : statements) {
                answers.add(query(connection, statement));
            }
            return merged(answers);
        });
        rows.forEach(ListeningApi::addRates);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("view", view.viewName());
        body.put("period", range.period());
        body.put("first_day", range.allTime() ? null : range.first().toString());
        body.put("last_day", range.allTime() ? null : range.last().toString());
        body.put("rows", rows);
        ctx.json(body);
    }

    /** One statement's rows; several one-row statements (totals) become one row. */
    private static List<Map<String, Object>> merged(List<List<Map<String, Object>>> answers) {
        if (answers.size() == 1) {
            return answers.get(0);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        answers.forEach(answer -> answer.forEach(row::putAll));
        return List.of(row);
    }

    private static List<Map<String, Object>> query(Connection connection, ListeningSql sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            int index = 1;
            for (Object value : sql.values()) {
                if (value instanceof LocalDate day) {
                    statement.setDate(index++, Date.valueOf(day));
                } else {
                    statement.setObject(index++, value);
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value(rs.getObject(i)));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Counts as whole numbers (PostgreSQL sums bigints into numerics), names as text. */
    private static Object value(Object value) {
        if (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            return decimal.longValueExact();
        }
        if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return number.longValue();
        }
        return value;
    }

    private static void addRates(Map<String, Object> row) {
        if (row.get("listened_ms") instanceof Number ms) {
            row.put("minutes", BigDecimal.valueOf(ms.longValue()).divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP));
        }
        Object plays = row.containsKey("song_plays") ? row.get("song_plays") : row.get("plays");
        if (plays instanceof Number p && row.get("skips") instanceof Number s) {
            long attempts = p.longValue() + s.longValue();
            if (!row.containsKey("song_plays")) {
                row.put("skip_rate", rate(s.longValue(), attempts));
            }
            if (row.get("early_skips") instanceof Number early) {
                row.put("early_skip_rate", rate(early.longValue(), attempts));
            }
        }
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
