package com.example.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example does what the README says it does. */
class LakeExampleTest {

    @TempDir
    Path dir;

    @Test
    void aSimulatedDayLoadsIntoDuckDbOnceAndOnlyOnce() throws Exception {
        LoadResult first = LakeExample.simulateAndLoad(dir.resolve("lake"), dir.resolve("lake.duckdb"));
        assertEquals(24, first.objects());
        assertEquals(5_000, first.rows());

        try (Warehouse duckDb = Warehouses.open("duckdb:" + dir.resolve("lake.duckdb"), Map.of())) {
            LoadResult second = new BronzeLoader(duckDb, new FileSystemObjectStore(dir.resolve("lake"))).load();
            assertEquals(0, second.objects());
            assertEquals(24, second.upToDate());
        }
    }
}
