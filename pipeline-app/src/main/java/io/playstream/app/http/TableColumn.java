package io.playstream.app.http;

import java.sql.Types;
import java.util.Locale;
import java.util.Objects;

/**
 * One column of a warehouse table as JDBC metadata reports it.
 *
 * @param storedName the name exactly as the warehouse stores it, for quoting in SQL
 * @param jdbcType   a {@link Types} constant: decides how a filter value is bound
 * @param typeName   the warehouse's own type name, shown to clients
 */
record TableColumn(String storedName, int jdbcType, String typeName) {

    TableColumn {
        Objects.requireNonNull(storedName, "storedName");
        typeName = typeName == null ? "" : typeName;
    }

    /** The name in lower case, as the API shows it and accepts it (Snowflake stores upper case). */
    String name() {
        return storedName.toLowerCase(Locale.ROOT);
    }
}
