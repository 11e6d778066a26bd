package io.playstream.objectstore;

import io.playstream.PlaystreamException;
import io.playstream.partition.ObjectKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A local folder as an object store: the embedded default. Writes go to a hidden temporary file in
 * the target folder, are forced to disk, then renamed over the key, so a crash leaves the old
 * object or the new one, never half of one. Temporary files are invisible to {@link #list}.
 */
public final class FileSystemObjectStore implements ObjectStore {

    private static final String TEMP_PREFIX = ".tmp-";
    private static final boolean IS_WINDOWS = java.io.File.separatorChar == '\\';

    private final Path root;

    public FileSystemObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot create store folder " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, byte[] body) {
        Path target = resolve(key);
        Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                var buffer = java.nio.ByteBuffer.wrap(body);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setLastModifiedTime(temp, FileTime.from(newModificationTime(target)));
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(target.getParent());
        } catch (IOException e) {
            deleteQuietly(temp);
            // a full or read-only disk may be fixed while we wait: the caller retries
            throw PlaystreamException.retriable("cannot write " + key + " to " + describe() + ": " + e, e);
        }
    }

    /**
     * Forces the folder's entries to disk: the rename lives there, not in the file, and the sink
     * commits its Kafka offsets once put returns, so a power loss must not forget the new name.
     * Windows cannot open a folder as a channel and needs no such step.
     */
    private static void forceFolder(Path folder) throws IOException {
        if (IS_WINDOWS) {
            return;
        }
        try (var channel = java.nio.channels.FileChannel.open(folder, java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw PlaystreamException.permanent("no object " + key + " in " + describe(), e);
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot read " + key + " from " + describe() + ": " + e, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path file = resolve(key);
        try {
            return Optional.of(info(key, Files.readAttributes(file, BasicFileAttributes.class)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot stat " + key + " in " + describe() + ": " + e, e);
        }
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        // walk only the deepest folder the prefix names, not the whole store
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash)).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return Stream.empty();
        }
        List<String> keys = new ArrayList<>();
        List<ObjectInfo> unsafe = new ArrayList<>();
        try {
            // walkFileTree, not Files.walk: a writer's temp file that vanishes mid-walk is skipped, not fatal
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String key = keyOf(file);
                    if (!attributes.isRegularFile() || file.getFileName().toString().startsWith(TEMP_PREFIX)
                            || !key.startsWith(prefix)) {
                        // symbolic links are never followed: one could point anywhere on the machine
                        return FileVisitResult.CONTINUE;
                    }
                    if (ObjectKeys.isSafe(key)) {
                        keys.add(key);
                    } else {
                        // a name with a backslash or a control character: listed for the caller to count, never opened
                        unsafe.add(info(key, attributes));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot list " + prefix + " in " + describe() + ": " + e, e);
        }
        Collections.sort(keys);
        // stat lazily, as the stream is consumed; an object deleted meanwhile is simply not listed
        return Stream.concat(keys.stream().flatMap(k -> stat(k).stream()), unsafe.stream());
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot delete " + key + " from " + describe() + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    private Path resolve(String key) {
        ObjectKeys.requireSafe(key);
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("object key '" + key + "' escapes the store root");
        }
        return file;
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static ObjectInfo info(String key, BasicFileAttributes attributes) {
        long size = attributes.size();
        var modified = attributes.lastModifiedTime().toInstant();
        String etag = Long.toHexString(size) + "-" + Long.toHexString(modified.getEpochSecond()) + "."
                + Integer.toHexString(modified.getNano());
        return new ObjectInfo(key, size, etag, modified);
    }

    /**
     * The kernel stamps files from a coarse clock (a few milliseconds), so two writes of the same
     * size in a row could keep the same size and time, and the etag would hide the change (it did,
     * about one rewrite in twenty). Each write therefore moves the time forward by at least a
     * microsecond past the object it replaces.
     */
    private static Instant newModificationTime(Path target) throws IOException {
        Instant now = Instant.now();
        try {
            Instant previous = Files.getLastModifiedTime(target).toInstant();
            return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
        } catch (NoSuchFileException e) {
            return now;
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
            // the temp name is hidden from list(); a leftover wastes space, not correctness
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
