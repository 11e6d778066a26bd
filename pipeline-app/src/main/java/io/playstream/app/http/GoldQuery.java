package io.playstream.app.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validated read of one gold table: {@code limit} (1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}), {@code offset} (0 or more), {@code order} (comma-separated columns,
 * descending with a leading {@code -} or a trailing {@code " desc"} or {@code ":desc"}), and any
 * {@code period} and {@code start} on a period mart ({@link GoldPeriod}), and any other query
 * parameter as an equality filter on the column of that name. Every column named must exist in the
 * table; values are bound, never spliced.
 */
record GoldQuery(GoldTable table, List<TableColumn> columns, int limit, long offset,
                 Map<TableColumn, String> filters, List<SortKey> order) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    static final String LIMIT = "limit";
    static final String OFFSET = "offset";
    static final String ORDER = "order";
    static final String FORMAT = "format";
    private static final Set<String> RESERVED = Set.of(LIMIT, OFFSET, ORDER, FORMAT, GoldPeriod.PERIOD, GoldPeriod.START);
    static final String ORDER_FORMS = "accepted: order=plays,-events (a leading - for descending), "
            + "or order=events desc / events:desc";
    private static final Pattern SORT_KEY = Pattern.compile("(-)?([^\\s:,-][^\\s:,]*)(?:(?:\\s+|:)(?i)(asc|desc))?");

    /** One column to sort on. */
    record SortKey(TableColumn column, boolean descending) {
    }

    GoldQuery {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        filters = Map.copyOf(filters);
        order = List.copyOf(order);
    }

    static GoldQuery parse(GoldTable table, List<TableColumn> columns, Map<String, List<String>> params) {
        Map<String, TableColumn> byName = columns.stream().collect(Collectors.toMap(TableColumn::name, Function.identity()));
        int limit = (int) number(params, LIMIT, DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = number(params, OFFSET, 0, 0, Long.MAX_VALUE / 2);
        Map<TableColumn, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (RESERVED.contains(param.getKey())) {
                continue;
            }
            if (param.getValue().size() != 1) {
                throw ApiError.badRequest("filter " + printable(param.getKey()) + " is given " + param.getValue().size()
                        + " times; give each column at most once");
            }
            filters.put(column(byName, param.getKey(), table), param.getValue().get(0));
        }
        GoldPeriod.filters(table, params).forEach((name, value) -> filters.put(column(byName, name, table), value));
        return new GoldQuery(table, columns, limit, offset, filters, order(params, byName, table));
    }

    private static List<SortKey> order(Map<String, List<String>> params, Map<String, TableColumn> byName, GoldTable table) {
        List<SortKey> order = new ArrayList<>();
        Optional<String> requested = single(params, ORDER);
        if (requested.isPresent()) {
            for (String part : requested.get().split(",", -1)) {
                order.add(sortKey(part.strip(), byName, table));
            }
        }
        // the key last, so equal sort values still page in one stable order
        for (String keyColumn : table.key()) {
            TableColumn column = byName.get(keyColumn);
            if (column != null && order.stream().noneMatch(k -> k.column().equals(column))) {
                order.add(new SortKey(column, false));
            }
        }
        return order;
    }

    /** {@code plays}, {@code -plays}, {@code plays desc} or {@code plays:desc} (and {@code asc} alike). */
    private static SortKey sortKey(String part, Map<String, TableColumn> byName, GoldTable table) {
        Matcher matcher = SORT_KEY.matcher(part);
        if (!matcher.matches() || matcher.group(1) != null && matcher.group(3) != null) {
            throw ApiError.badRequest("order " + printable(part) + " is not accepted; " + ORDER_FORMS);
        }
        TableColumn column = byName.get(matcher.group(2));
        if (column == null) {
            throw ApiError.badRequest("gold." + table.tableName() + " has no column " + printable(matcher.group(2))
                    + " to order by; columns: " + String.join(", ", byName.keySet().stream().sorted().toList()) + "; " + ORDER_FORMS);
        }
        boolean descending = matcher.group(1) != null || "desc".equalsIgnoreCase(matcher.group(3));
        return new SortKey(column, descending);
    }

    private static TableColumn column(Map<String, TableColumn> byName, String name, GoldTable table) {
        TableColumn column = byName.get(name);
        if (column == null) {
            throw ApiError.badRequest("gold." + table.tableName() + " has no column " + printable(name) + "; columns: "
                    + String.join(", ", byName.keySet().stream().sorted().toList()));
        }
        return column;
    }

    /** A whole-number query parameter from {@code min} to {@code max}, or a 400 naming the accepted range. */
    static long number(Map<String, List<String>> params, String name, long fallback, long min, long max) {
        Optional<String> text = single(params, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get().strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below with the accepted range
        }
        throw ApiError.badRequest(name + " = " + printable(text.get()) + " is not accepted; accepted: a whole number from "
                + min + (max >= Long.MAX_VALUE / 2 ? " up" : " to " + max));
    }

    static Optional<String> single(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiError.badRequest(name + " is given " + values.size() + " times; give it at most once");
        }
        return values.stream().findFirst();
    }

    /** Echoes caller input in an error without letting it smuggle markup or control characters. */
    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return "'" + cut.replaceAll("[^\\p{Alnum}_ .:+-]", "?") + "'";
    }
}
