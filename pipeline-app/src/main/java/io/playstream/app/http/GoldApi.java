package io.playstream.app.http;

import io.javalin.http.Context;
import io.playstream.warehouse.Warehouse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/gold} (the table names) and {@code GET /api/v1/gold/{table}}: one page of a gold
 * table as JSON {@code {"table", "columns", "rows", "limit", "offset", "next_offset"}}, or as CSV for
 * {@code Accept: text/csv} or {@code ?format=csv} (then {@code X-Next-Offset} carries the next page).
 */
final class GoldApi {

    private final Optional<GoldReader> reader;

    GoldApi(Optional<Warehouse> warehouse) {
        this.reader = warehouse.map(GoldReader::new);
    }

    void list(Context ctx) {
        ctx.json(Map.of("tables", tableNames()));
    }

    void show(Context ctx) {
        String name = ctx.pathParam("table");
        GoldTable table = GoldTable.byName(name).orElseThrow(() -> new ApiError(404,
                "no gold table " + GoldQuery.printable(name) + "; tables: " + GoldTable.acceptedNames()));
        boolean csv = wantsCsv(ctx);
        GoldReader gold = reader.orElseThrow(() -> new ApiError(503, "this server runs without a warehouse"));
        GoldPage page = gold.read(table, ctx.queryParamMap());
        if (csv) {
            page.nextOffset().ifPresent(next -> ctx.header("X-Next-Offset", Long.toString(next)));
            ctx.contentType(GoldCsv.CONTENT_TYPE).result(GoldCsv.write(page));
        } else {
            ctx.json(json(page));
        }
    }

    private static boolean wantsCsv(Context ctx) {
        String format = ctx.queryParam(GoldQuery.FORMAT);
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiError.badRequest("format = " + GoldQuery.printable(format) + " is not accepted; accepted: json, csv");
            };
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private static Map<String, Object> json(GoldPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("table", page.table().tableName());
        body.put("columns", page.columns().stream().map(c -> Map.of("name", c.name(), "type", c.typeName())).toList());
        body.put("rows", page.rows());
        body.put("limit", page.limit());
        body.put("offset", page.offset());
        body.put("next_offset", page.nextOffset().isPresent() ? page.nextOffset().getAsLong() : null);
        return body;
    }

    static List<String> tableNames() {
        return Arrays.stream(GoldTable.values()).map(GoldTable::tableName).toList();
    }
}
