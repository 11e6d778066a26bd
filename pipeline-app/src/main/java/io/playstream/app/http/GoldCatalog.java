package io.playstream.app.http;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a gold table's real columns from JDBC metadata, each time: a transform may rebuild a table
 * with other columns, and the lookup is cheap next to the query it guards.
 */
final class GoldCatalog {

    private GoldCatalog() {
    }

    /** The columns of {@code table} in their table order; empty when the table does not exist (yet). */
    static List<TableColumn> columns(Connection connection, GoldTable table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        boolean upper = metaData.storesUpperCaseIdentifiers();
        String schema = stored(GoldTable.SCHEMA, upper);
        String name = stored(table.tableName(), upper);
        String escape = metaData.getSearchStringEscape();
        List<TableColumn> columns = new ArrayList<>();
        // the connection's own database only: a Snowflake account may hold another GOLD.TOP_SONGS
        try (ResultSet rs = metaData.getColumns(connection.getCatalog(), pattern(schema, escape), pattern(name, escape), "%")) {
            while (rs.next()) {
                // a pattern's escape is not honoured by every driver: keep exact matches only
                if (schema.equalsIgnoreCase(rs.getString("TABLE_SCHEM")) && name.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    columns.add(new TableColumn(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
                }
            }
        }
        return columns;
    }

    private static String stored(String identifier, boolean upper) {
        return upper ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }

    /** {@code _} is a metadata wildcard and gold names are full of it. */
    private static String pattern(String identifier, String escape) {
        if (escape == null || escape.isEmpty()) {
            return identifier;
        }
        return identifier.replace("_", escape + "_").replace("%", escape + "%");
    }
}
