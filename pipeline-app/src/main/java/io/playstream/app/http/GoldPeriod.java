package io.playstream.app.http;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ?period=week&start=2026-11-30} on a period mart (a table with {@code period_grain} and
 * {@code period_start_date}, see dbt/README.md "Listening marts"): the rows of the week holding that
 * day, as equality filters on those two columns. {@code start} may be any day of the period: it is
 * moved to the period's first day (Monday for a week, the 1st for a month, January 1st for a year),
 * as the marts name periods. {@code period} alone gives every period of that grain; {@code
 * period=all_time} takes no {@code start}.
 */
final class GoldPeriod {

    static final String PERIOD = "period";
    static final String START = "start";
    static final String GRAIN_COLUMN = "period_grain";
    static final String START_COLUMN = "period_start_date";
    static final List<String> GRAINS = List.of("day", "week", "month", "year", "all_time");

    private GoldPeriod() {
    }

    /** The filters {@code period} and {@code start} stand for (column name to value); empty when neither is given. */
    static Map<String, String> filters(GoldTable table, Map<String, List<String>> params) {
        Optional<String> period = GoldQuery.single(params, PERIOD).map(p -> p.strip().toLowerCase(Locale.ROOT));
        Optional<String> start = GoldQuery.single(params, START).map(String::strip);
        Map<String, String> filters = new LinkedHashMap<>();
        if (period.isEmpty() && start.isEmpty()) {
            return filters;
        }
        if (!table.hasPeriods()) {
            throw ApiError.badRequest("gold." + table.tableName() + " has no periods; period and start apply to "
                    + GoldTable.periodTableNames());
        }
        if (params.containsKey(GRAIN_COLUMN) || params.containsKey(START_COLUMN)) {
            throw ApiError.badRequest("give period and start, or " + GRAIN_COLUMN + " and " + START_COLUMN + ", not both");
        }
        String grain = period.orElseThrow(() -> ApiError.badRequest("start needs a period; accepted: period="
                + String.join(", ", GRAINS)));
        if (!GRAINS.contains(grain)) {
            throw ApiError.badRequest("period " + GoldQuery.printable(grain) + " is not accepted; accepted: " + String.join(", ", GRAINS));
        }
        filters.put(GRAIN_COLUMN, grain);
        if (start.isPresent()) {
            if (grain.equals("all_time")) {
                throw ApiError.badRequest("period=all_time takes no start");
            }
            filters.put(START_COLUMN, firstDay(grain, day(start.get())).toString());
        }
        return filters;
    }

    static LocalDate firstDay(String grain, LocalDate day) {
        return switch (grain) {
            case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> day.withDayOfMonth(1);
            case "year" -> day.withDayOfYear(1);
            default -> day;
        };
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("start " + GoldQuery.printable(text) + " is not accepted; accepted: a day as YYYY-MM-DD");
        }
    }
}
