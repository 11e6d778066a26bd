package io.playstream.app.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The days a listening view covers: a period the marts hold ({@code day}, {@code week}, {@code
 * month}, {@code year}, {@code all_time}: {@link GoldPeriod}'s grains, read from the marts' own
 * period rows) or a trailing range ({@code 7_days}, {@code 28_days}: the {@code start} day and the
 * days after it, summed from the marts' day rows, or counted from the day aggregates where a
 * listener must count once). {@code start} is any day of a period, moved to its first day, or the
 * first day of a trailing range; every period but all time needs it.
 *
 * @param grain the mart grain whose rows answer, or empty for a trailing range
 * @param first the first day, or null for all time
 * @param last  the last day, or null for all time
 */
record ListeningRange(String period, Optional<String> grain, LocalDate first, LocalDate last) {

    static final Map<String, Integer> TRAILING_DAYS = Map.of("7_days", 7, "28_days", 28);
    static final List<String> PERIODS = List.of("day", "week", "month", "year", "all_time", "7_days", "28_days");

    static ListeningRange parse(Map<String, List<String>> params) {
        String asked = GoldQuery.single(params, GoldPeriod.PERIOD).map(p -> p.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiError.badRequest("period is required; accepted: " + String.join(", ", PERIODS)));
        String period = asked.equals("all") ? "all_time" : asked;
        if (!PERIODS.contains(period)) {
            throw ApiError.badRequest("period " + GoldQuery.printable(period) + " is not accepted; accepted: " + String.join(", ", PERIODS));
        }
        Optional<String> start = GoldQuery.single(params, GoldPeriod.START).map(String::strip);
        if (period.equals("all_time")) {
            if (start.isPresent()) {
                throw ApiError.badRequest("period=all_time takes no start");
            }
            return new ListeningRange(period, Optional.of(period), null, null);
        }
        LocalDate day = day(start.orElseThrow(() -> ApiError.badRequest("period=" + period
                + " needs a start day (YYYY-MM-DD)")));
        Integer trailing = TRAILING_DAYS.get(period);
        if (trailing != null) {
            return new ListeningRange(period, Optional.empty(), day, day.plusDays(trailing - 1L));
        }
        LocalDate first = GoldPeriod.firstDay(period, day);
        LocalDate last = switch (period) {
            case "week" -> first.plusDays(6);
            case "month" -> first.plusMonths(1).minusDays(1);
            case "year" -> first.plusYears(1).minusDays(1);
            default -> first;
        };
        return new ListeningRange(period, Optional.of(period), first, last);
    }

    boolean allTime() {
        return first == null;
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("start " + GoldQuery.printable(text) + " is not accepted; accepted: a day as YYYY-MM-DD");
        }
    }
}
