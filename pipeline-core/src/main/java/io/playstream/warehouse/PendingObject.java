package io.playstream.warehouse;

import static java.util.Objects.requireNonNull;

import io.playstream.objectstore.ObjectInfo;
import io.playstream.partition.ObjectKey;

/**
 * An object the load will read.
 *
 * @param key      its parsed key: a bronze or legacy bronze key, so safe for paths and SQL
 * @param info     size and etag as listed
 * @param replaces true when an older version is in the manifest: its rows go first
 */
record PendingObject(ObjectKey key, ObjectInfo info, boolean replaces) {

    PendingObject {
        requireNonNull(key, "key");
        requireNonNull(info, "info");
        if (!key.value().equals(info.key())) {
            throw new IllegalArgumentException("key " + key + " does not match listed " + info.key());
        }
    }

    String value() {
        return key.value();
    }
}
