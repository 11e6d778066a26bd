package io.playstream.app.http;

import io.playstream.PlaystreamException;
import io.playstream.warehouse.SqlFailures;
import io.playstream.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link GoldQuery} on the warehouse. The SQL holds only names from {@link GoldTable} and
 * from the table's own metadata (quoted), the validated limit and offset, and {@code ?} for every
 * filter value. One row more than asked is fetched to know whether a next page exists.
 */
final class GoldReader {

    private static final Logger LOG = LoggerFactory.getLogger(GoldReader.class);

    private final Warehouse warehouse;

    GoldReader(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** A page of {@code table}; a 503 {@link ApiError} while the warehouse cannot be reached (clients retry). */
    GoldPage read(GoldTable table, Map<String, List<String>> params) {
        return withConnection("gold." + table.tableName(), connection -> {
            GoldQuery query = GoldQuery.parse(table, requireBuilt(connection, table), params);
            return execute(connection, query);
        });
    }

    /** Work on one connection of the warehouse. */
    @FunctionalInterface
    interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a new connection: a 503 {@link ApiError} while the warehouse cannot be
     * reached (clients retry), any other failure a 500 naming {@code what} was read.
     */
    <T> T withConnection(String what, ConnectionWork<T> work) {
        try (Connection connection = connect()) {
            return work.apply(connection);
        } catch (SQLException e) {
            if (SqlFailures.isRetriable(e)) {
                throw unavailable(e);
            }
            throw new IllegalStateException("reading " + what + " from " + warehouse.describe() + " failed", e);
        }
    }

    /** The columns of {@code table}, or a 404 while the transform has not built it. */
    static List<TableColumn> requireBuilt(Connection connection, GoldTable table) throws SQLException {
        List<TableColumn> columns = GoldCatalog.columns(connection, table);
        if (columns.isEmpty()) {
            throw new ApiError(404, "gold." + table.tableName() + " is not built yet: run the transform (POST /api/v1/runs)");
        }
        return columns;
    }

    /** A failure to connect that may pass (the server is down or restarting) is a 503; bad credentials stay a 500. */
    private Connection connect() {
        try {
            return warehouse.connect();
        } catch (PlaystreamException e) {
            if (e.isRetriable()) {
                throw unavailable(e);
            }
            throw e;
        }
    }

    private ApiError unavailable(Exception e) {
        LOG.warn("Warehouse {} unavailable for the gold API: {}", warehouse.describe(), e.toString());
        return ApiError.passingOutage("the warehouse is unavailable; try again later (the server log says why)");
    }

    private static GoldPage execute(Connection connection, GoldQuery query) throws SQLException {
        String quote = connection.getMetaData().getIdentifierQuoteString().strip();
        String sql = sql(query, quote);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Map.Entry<TableColumn, String> filter : query.filters().entrySet()) {
                SqlValues.bind(statement, index++, filter.getKey(), filter.getValue());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                boolean more = false;
                while (rs.next()) {
                    if (rows.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    rows.add(row(rs, query.columns()));
                }
                OptionalLong next = more ? OptionalLong.of(query.offset() + rows.size()) : OptionalLong.empty();
                return new GoldPage(query.table(), query.columns(), rows, query.limit(), query.offset(), next);
            }
        }
    }

    static String sql(GoldQuery query, String quote) {
        StringBuilder sql = new StringBuilder("select ")
                .append(query.columns().stream().map(c -> quoted(c, quote)).collect(Collectors.joining(", ")))
                .append(" from ").append(GoldTable.SCHEMA).append('.').append(query.table().tableName());
        if (!query.filters().isEmpty()) {
            sql.append(" where ").append(query.filters().keySet().stream()
                    .map(c -> quoted(c, quote) + " = ?").collect(Collectors.joining(" and ")));
        }
        if (!query.order().isEmpty()) {
            sql.append(" order by ").append(query.order().stream()
                    .map(k -> quoted(k.column(), quote) + (k.descending() ? " desc" : " asc")).collect(Collectors.joining(", ")));
        }
        // both are validated integers, so they are written out: Snowflake does not bind LIMIT
        return sql.append(" limit ").append(query.limit() + 1).append(" offset ").append(query.offset()).toString();
    }

    private static String quoted(TableColumn column, String quote) {
        if (quote.isEmpty()) {
            return column.storedName();
        }
        return quote + column.storedName().replace(quote, quote + quote) + quote;
    }

    private static Map<String, Object> row(ResultSet rs, List<TableColumn> columns) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).name(), SqlValues.read(rs, i + 1, columns.get(i)));
        }
        return row;
    }
}
