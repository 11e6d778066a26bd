package io.playstream.app.http;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-row facts about the warehouse for the status panel. A fact whose table does not exist yet
 * (before the first load or transform) is null rather than an error: an empty pipeline is healthy.
 */
final class WarehouseFacts {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseFacts.class);

    private final Connection connection;

    WarehouseFacts(Connection connection) {
        this.connection = connection;
    }

    /** The first row of {@code sql} (fixed text, no input), each value as the API writes it; nulls when it fails. */
    List<Object> row(String sql, int columns) {
        List<Object> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            boolean found = rs.next();
            for (int i = 1; i <= columns; i++) {
                TableColumn column = new TableColumn("c" + i, rs.getMetaData().getColumnType(i), rs.getMetaData().getColumnTypeName(i));
                values.add(found ? SqlValues.read(rs, i, column) : null);
            }
        } catch (SQLException e) {
            LOG.debug("Status(sql={}) unavailable: {}", sql, e.getMessage());
            while (values.size() < columns) {
                values.add(null);
            }
        }
        return values;
    }

    Object value(String sql) {
        return row(sql, 1).get(0);
    }

    /** {@code sql}'s rows (fixed text, no input) of a name and a count, in its order; null when it fails. */
    Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            LOG.debug("Status(sql={}) unavailable: {}", sql, e.getMessage());
            return null;
        }
    }
}
