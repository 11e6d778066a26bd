package io.playstream.app.cli;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Opens an object store from its URI. Only {@code file:/abs/path} for now; S3 URIs are handled
 * by core's {@code ObjectStores.open} once it exists (swap this helper's body for a call to it).
 */
final class StoreUris {

    private StoreUris() {
    }

    static ObjectStore open(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--store must be a URI such as file:/abs/path, was '" + uri + "'", e);
        }
        if ("file".equals(parsed.getScheme()) && parsed.getPath() != null && parsed.getPath().startsWith("/")) {
            return new FileSystemObjectStore(Path.of(parsed.getPath()));
        }
        throw new IllegalArgumentException("--store must be file:/abs/path (s3:// coming), was '" + uri + "'");
    }
}
