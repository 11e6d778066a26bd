package io.playstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds {@code silver.stg_events_quarantine}'s {@code _rescued} to bronze's, row by row: without
 * {@code _raw} (the loader's default) bronze's {@code _rescued} is the only copy in the warehouse
 * of the members its field columns do not hold, so a quarantined line must keep it (CONTRACTS.md §4).
 */
public final class QuarantinedRescue {

    private static final String QUARANTINE_BESIDE_BRONZE = " from silver.stg_events_quarantine as q"
            + " left join bronze.spotify_events as b on b._source_object = q._source_object and b._line_number = q._line_number";

    private QuarantinedRescue() {
    }

    /** Asserts every quarantined row carries its bronze row's {@code _rescued}; returns how many carry one. */
    public static long assertSameAsBronze(Warehouse warehouse) throws SQLException {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            List<String> differing = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("select q._source_object, q._line_number, q._rescued, b._rescued"
                    + QUARANTINE_BESIDE_BRONZE + " where b._line_number is null or q._rescued is distinct from b._rescued")) {
                while (rows.next()) {
                    differing.add(rows.getString(1) + " line " + rows.getLong(2) + ": quarantine " + rows.getString(3)
                            + ", bronze " + rows.getString(4));
                }
            }
            assertThat(differing).as("quarantined rows whose _rescued is not bronze's").isEmpty();
            try (ResultSet rows = s.executeQuery("select count(q._rescued)" + QUARANTINE_BESIDE_BRONZE)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
