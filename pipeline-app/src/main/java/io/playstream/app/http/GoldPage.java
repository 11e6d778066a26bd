package io.playstream.app.http;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One page of a gold table: rows as column name -> value in column order, and where the next page
 * starts (empty on the last page).
 */
record GoldPage(GoldTable table, List<TableColumn> columns, List<Map<String, Object>> rows, int limit, long offset,
                OptionalLong nextOffset) {

    GoldPage {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
