package io.playstream.app.http;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Between query-string text, JDBC and JSON. A filter value is parsed as its column's type and bound
 * as that type (PostgreSQL does not compare a bigint with a varchar parameter); a read value becomes
 * a JSON number, boolean or string, times in ISO-8601 (the warehouse's timestamps are UTC without a
 * zone, and stay so: {@code 2025-12-10T15:26:25.799926}).
 */
final class SqlValues {

    private SqlValues() {
    }

    static void bind(PreparedStatement statement, int index, TableColumn column, String text) throws SQLException {
        try {
            switch (column.jdbcType()) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> statement.setLong(index, Long.parseLong(text.strip()));
                case Types.DECIMAL, Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL ->
                        statement.setBigDecimal(index, new BigDecimal(text.strip()));
                case Types.BOOLEAN, Types.BIT -> statement.setBoolean(index, bool(text));
                case Types.DATE -> statement.setDate(index, Date.valueOf(LocalDate.parse(text.strip())));
                case Types.TIMESTAMP -> statement.setObject(index, localDateTime(text.strip()));
                case Types.TIMESTAMP_WITH_TIMEZONE -> statement.setObject(index, instant(text.strip()).atOffset(ZoneOffset.UTC));
                default -> statement.setString(index, text);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiError.badRequest("filter " + column.name() + " = " + GoldQuery.printable(text) + " is not a valid "
                    + column.typeName() + " value");
        }
    }

    private static boolean bool(String text) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** A UTC wall-clock time: {@code 2025-12-10T15:00:00}, or an instant with an offset converted to UTC. */
    private static LocalDateTime localDateTime(String text) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.replace(' ', 'T'),
                OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime offset
                ? offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                : (LocalDateTime) parsed;
    }

    private static Instant instant(String text) {
        return localDateTime(text).toInstant(ZoneOffset.UTC);
    }

    /** The value of column {@code index} (1-based) as Jackson writes it. */
    static Object read(ResultSet rs, int index, TableColumn column) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        return switch (column.jdbcType()) {
            case Types.TIMESTAMP -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(wallClock(rs, index, value));
            case Types.TIMESTAMP_WITH_TIMEZONE -> value instanceof OffsetDateTime offset ? offset.toInstant().toString() : value.toString();
            case Types.DATE -> value instanceof Date date ? date.toLocalDate().toString() : value.toString();
            default -> value instanceof Number || value instanceof Boolean || value instanceof String ? value : value.toString();
        };
    }

    /**
     * A time as {@link #read} gives it, as an ISO-8601 instant with {@code Z}: the status API's
     * times all carry their zone (a zoneless wall-clock time is UTC in this warehouse).
     */
    static String utcInstant(Object value) {
        if (value == null) {
            return null;
        }
        return instant(value.toString()).toString();
    }

    private static LocalDateTime wallClock(ResultSet rs, int index, Object value) throws SQLException {
        if (value instanceof LocalDateTime local) {
            return local;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        return rs.getObject(index, LocalDateTime.class);
    }
}
