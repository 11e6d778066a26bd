package io.playstream.transform;

import io.playstream.testing.ScratchPostgres;
import io.playstream.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/** Warehouses on the test PostgreSQL server, each on a scratch database of its own, dropped on close. */
final class PostgresWarehouses implements AutoCloseable {

    private final List<ScratchPostgres> databases = new ArrayList<>();

    /** A fresh, empty warehouse on a new database named from {@code prefix}. */
    Warehouse open(String prefix) {
        ScratchPostgres database = ScratchPostgres.create(prefix);
        databases.add(database);
        return database.warehouse();
    }

    @Override
    public void close() {
        databases.forEach(ScratchPostgres::close);
    }
}
