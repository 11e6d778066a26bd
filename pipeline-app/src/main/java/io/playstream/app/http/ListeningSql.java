package io.playstream.app.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement of a listening view: SQL with {@code ?} for every value and the values in order
 * (strings, numbers, {@link java.time.LocalDate}s). Only fixed table and column names reach the text.
 */
record ListeningSql(String text, List<Object> values) {

    ListeningSql {
        values = List.copyOf(values);
    }

    /**
     * Builds a statement: {@code where} conditions joined by {@code and}, their values collected as
     * added.
     */
    static final class Builder {
        private final StringBuilder head;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();
        private String tail = "";

        Builder(String selectFrom) {
            this.head = new StringBuilder(selectFrom);
        }

        Builder where(String condition, Object... conditionValues) {
            conditions.add(condition);
            values.addAll(List.of(conditionValues));
            return this;
        }

        /**
         * The rows of a period mart the range covers: the period's own row (pre-aggregated), or the
         * day rows of a trailing range, to be summed.
         */
        Builder martRange(ListeningRange range) {
            if (range.grain().isPresent()) {
                where("period_grain = ?", range.grain().get());
                return range.allTime() ? this : where("period_start_date = ?", range.first());
            }
            return where("period_grain = ?", "day").where("period_start_date between ? and ?", range.first(), range.last());
        }

        /** The rows of a day aggregate (an {@code event_date} column) inside the range. */
        Builder dayRange(ListeningRange range) {
            return range.allTime() ? this : where("event_date between ? and ?", range.first(), range.last());
        }

        /** What follows the conditions: group by, order by, limit (fixed text and validated numbers only). */
        Builder then(String text) {
            this.tail = " " + text;
            return this;
        }

        ListeningSql build() {
            String sql = head + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)) + tail;
            return new ListeningSql(sql, values);
        }
    }
}
