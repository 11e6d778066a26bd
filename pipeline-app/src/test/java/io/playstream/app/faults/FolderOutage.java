package io.playstream.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Cuts the app off from its local-folder object store and brings it back. The store's root is a
 * symbolic link; the outage swaps it, in one atomic rename, for a link to a plain file, so every
 * read, write and list under it fails with an I/O error ("Not a directory") until the link is
 * swapped back. (The tests run as root, so taking permissions away would not stop a write.)
 */
final class FolderOutage {

    private final Path link;
    private final Path folder;
    private final Path blocker;

    /** Creates {@code link} pointing at the real folder {@code folder}. */
    FolderOutage(Path link, Path folder) {
        this.link = link;
        this.folder = folder;
        this.blocker = folder.resolveSibling(folder.getFileName() + ".unavailable");
        try {
            Files.createDirectories(folder);
            Files.writeString(blocker, "the object store is down\n");
            Files.createSymbolicLink(link, folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void begin() {
        pointAt(blocker);
    }

    void end() {
        pointAt(folder);
    }

    private void pointAt(Path target) {
        Path next = link.resolveSibling(link.getFileName() + ".next");
        try {
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, target);
            Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot point " + link + " at " + target, e);
        }
    }
}
