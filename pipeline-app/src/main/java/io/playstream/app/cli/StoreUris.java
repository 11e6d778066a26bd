package io.playstream.app.cli;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Opens the object store a {@code --store} URI names. Only {@code file:/abs/path} for now: to be
 * replaced by core's {@code ObjectStores.open(uri, env)}, which adds {@code s3://}.
 */
final class StoreUris {

    static final String ACCEPTED_FORMS = "file:/abs/path, s3://bucket[/prefix]?endpoint=http://host:port";

    private StoreUris() {
    }

    static ObjectStore open(String uri) {
        if (uri != null && uri.startsWith("file:")) {
            try {
                URI parsed = new URI(uri);
                if (parsed.getPath() != null && parsed.getPath().startsWith("/") && parsed.getQuery() == null) {
                    return new FileSystemObjectStore(Path.of(parsed));
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException("store URI '" + uri + "' is not one of: " + ACCEPTED_FORMS, e);
            }
        }
        throw new IllegalArgumentException("store URI '" + uri + "' is not one of: " + ACCEPTED_FORMS
                + " (s3:// arrives with the S3 store)");
    }
}
