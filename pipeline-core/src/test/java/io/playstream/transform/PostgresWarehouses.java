package io.playstream.transform;

import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Warehouses on the PostgreSQL server at 127.0.0.1:5432, each on a database of its own, dropped on close. */
final class PostgresWarehouses implements AutoCloseable {

    private final List<PostgresDatabase> databases = new ArrayList<>();

    /** A fresh, empty warehouse on a new database named from {@code prefix}. */
    Warehouse open(String prefix) {
        PostgresDatabase database = new PostgresDatabase(prefix);
        databases.add(database);
        return Warehouses.open("jdbc:postgresql://127.0.0.1:5432/" + database.name() + "?user=postgres", Map.of());
    }

    @Override
    public void close() {
        databases.forEach(PostgresDatabase::close);
    }
}
