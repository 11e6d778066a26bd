package io.playstream.objectstore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a store says about one object.
 *
 * @param key          the key relative to the store's root
 * @param size         bytes
 * @param etag         changes whenever the content may have changed: S3's ETag, or size and
 *                     modification time for a local folder (as rsync decides)
 * @param lastModified when it was last written
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {

    public ObjectInfo {
        requireNonNull(key, "key");
        requireNonNull(etag, "etag");
        requireNonNull(lastModified, "lastModified");
    }
}
