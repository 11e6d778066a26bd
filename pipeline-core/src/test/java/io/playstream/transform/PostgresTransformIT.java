package io.playstream.transform;

import io.playstream.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The runner on the local PostgreSQL server, in a database of its own. */
class PostgresTransformIT extends TransformRunnerContract {

    static PostgresDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = new PostgresDatabase("transform_it");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    @BeforeEach
    void createRawTable() {
        execute("drop schema if exists analytics_staging cascade");
        execute("drop schema if exists analytics_marts cascade");
        super.createRawTable();
    }

    @Override
    Warehouse warehouse() {
        return database.warehouse();
    }
}
