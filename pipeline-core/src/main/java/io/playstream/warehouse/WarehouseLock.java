package io.playstream.warehouse;

/**
 * A lock on the warehouse, held until closed: each {@link Warehouse} hands out one for loads and one
 * for transform runs, so two loads (or two runs) never write the same tables at once while a load
 * and a run may overlap.
 */
@FunctionalInterface
public interface WarehouseLock extends AutoCloseable {

    /** Lets the next waiter in; never fails (a lost connection has let go already). */
    @Override
    void close();
}
