package io.playstream.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The port to object storage: a local folder, S3 or MinIO. Keys are relative, use {@code /} as the
 * separator and must pass {@link io.playstream.partition.ObjectKeys#isSafe}: every operation but
 * {@link #list} refuses any other key, while {@code list} also returns the unsafe keys a hostile
 * bucket or folder holds, so that callers can count and report them. Failures are
 * {@link io.playstream.PlaystreamException}s: retriable when the store may come back (connection
 * refused, timeouts, 5xx), permanent otherwise (bad credentials, missing bucket).
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Writes an object whole, replacing any object under the same key. Readers see the old object
     * or the new one, never a part.
     */
    void put(String key, byte[] body);

    /** Opens an object for reading; a permanent failure when it does not exist. */
    InputStream open(String key);

    /** What the store knows of one object, or empty when it does not exist. */
    Optional<ObjectInfo> stat(String key);

    /**
     * Every object whose key starts with {@code prefix}, in ascending key order, fetched page by
     * page as the stream is consumed (a bucket may hold millions; a local folder lists its unsafe keys
     * last). Close the stream when done.
     */
    Stream<ObjectInfo> list(String prefix);

    /** Deletes an object; nothing happens when it does not exist. */
    void delete(String key);

    /** Where the store is, for logs and errors: never includes a secret. */
    String describe();

    /** Copies an object to a local file, e.g. for an engine that reads only local files. */
    default void download(String key, Path target) {
        try (InputStream in = open(key)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + key + " from " + describe() + " to " + target, e);
        }
    }

    @Override
    default void close() {
    }
}
