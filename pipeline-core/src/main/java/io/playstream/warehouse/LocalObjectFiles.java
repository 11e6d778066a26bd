package io.playstream.warehouse;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Local files for engines that read only local paths (DuckDB without httpfs, Snowflake's PUT): a
 * local store's own files, or copies of the batch's objects in a temporary folder, deleted on close.
 */
final class LocalObjectFiles implements AutoCloseable {
    private final Path root;
    private final Path temporary;

    private LocalObjectFiles(Path root, Path temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    static LocalObjectFiles of(ObjectStore store, List<PendingObject> batch) {
        if (store instanceof FileSystemObjectStore local) {
            return new LocalObjectFiles(local.root(), null);
        }
        try {
            Path folder = Files.createTempDirectory("playstream-load-");
            for (PendingObject object : batch) {
                Path target = folder.resolve(object.value());
                Files.createDirectories(target.getParent());
                store.download(object.value(), target);
            }
            return new LocalObjectFiles(folder, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for downloads", e);
        }
    }

    /** Safe: the key parsed as a bronze key, so it stays inside the root. */
    Path path(PendingObject object) {
        return root.resolve(object.value());
    }

    @Override
    public void close() {
        if (temporary == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(temporary)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + temporary, e);
        }
    }
}
