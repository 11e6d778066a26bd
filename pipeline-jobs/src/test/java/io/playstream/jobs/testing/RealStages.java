package io.playstream.jobs.testing;

import io.playstream.jobs.CoreStages;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.ScratchPostgres;
import io.playstream.testing.SimulatedBronze;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stages the app runs, for real: pipeline-core's loader and transform runner over a store
 * folder, a PostgreSQL database of their own (random name, dropped on close, with a {@link
 * WarehouseAudit}) and a copy of the repository's dbt project.
 */
public final class RealStages implements AutoCloseable {

    private final ScratchPostgres warehouseDatabase;
    private final Warehouse warehouse;
    private final FileSystemObjectStore store;
    private final CoreStages stages;
    private final SimulatedBronze bronze;
    private final WarehouseAudit audit;
    private final List<AutoCloseable> others = new ArrayList<>();

    private RealStages(ScratchPostgres warehouseDatabase, Warehouse warehouse, FileSystemObjectStore store, Path project) {
        this.warehouseDatabase = warehouseDatabase;
        this.warehouse = warehouse;
        this.store = store;
        this.stages = new CoreStages(warehouse, store, project, Map.of());
        this.bronze = new SimulatedBronze(store);
        this.audit = WarehouseAudit.install(warehouseDatabase);
    }

    /** Store in {@code folder}/lake, dbt project copied to {@code folder}/dbt, warehouse in a new database. */
    public static RealStages onPostgres(Path folder) {
        ScratchPostgres database = ScratchPostgres.create("playstream_warehouse_it");
        try {
            return new RealStages(database, Warehouses.open(database.url(), Map.of()),
                    new FileSystemObjectStore(folder.resolve("lake")), DbtProjectCopy.into(folder.resolve("dbt")));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public CoreStages stages() {
        return stages;
    }

    /**
     * The stages of another app instance on the same store and warehouse, with its own connections
     * and its own copy of the dbt project in {@code folder} (where its runs write their artifacts).
     */
    public CoreStages anotherInstance(Path folder) {
        Warehouse own = Warehouses.open(warehouseDatabase.url(), Map.of());
        FileSystemObjectStore sameStore = new FileSystemObjectStore(store.root());
        others.add(own);
        others.add(sameStore);
        return new CoreStages(own, sameStore, DbtProjectCopy.into(folder.resolve("dbt")), Map.of());
    }

    /** Writes bronze objects into the store. */
    public SimulatedBronze bronze() {
        return bronze;
    }

    public ScratchPostgres warehouse() {
        return warehouseDatabase;
    }

    public WarehouseAudit audit() {
        return audit;
    }

    /** The store folder. */
    public Path storeFolder() {
        return store.root();
    }

    /** The keys the load manifest holds, in order. */
    public List<String> loadedObjects() {
        return warehouseDatabase.column("select object_key from bronze._load_manifest order by object_key");
    }

    /** How many silver events came from that bronze object. */
    public long silverEventsFrom(String objectKey) {
        return warehouseDatabase.number("select count(*) from silver.stg_events where _source_object = '" + objectKey + "'");
    }

    @Override
    public void close() {
        try {
            for (AutoCloseable other : others) {
                other.close();
            }
            warehouse.close();
            store.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            warehouseDatabase.close();
        }
    }
}
