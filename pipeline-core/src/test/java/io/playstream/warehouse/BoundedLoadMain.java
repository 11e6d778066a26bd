package io.playstream.warehouse;

import io.playstream.objectstore.FileSystemObjectStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * One load alone in a JVM, for tests that run it under a heap smaller than its batch:
 * {@code BoundedLoadMain <warehouse URI> <storeDir>}. Exits 0 once the load committed.
 */
public final class BoundedLoadMain {

    private BoundedLoadMain() {
    }

    public static void main(String[] args) {
        LoadResult result = new BronzeLoader(Warehouses.open(args[0], Map.of()),
                new FileSystemObjectStore(Path.of(args[1]))).load();
        System.out.println("loaded rows=" + result.rows() + " rejected=" + result.rejectedLines());
    }
}
