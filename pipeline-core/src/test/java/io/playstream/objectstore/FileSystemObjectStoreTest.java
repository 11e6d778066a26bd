package io.playstream.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreTest extends ObjectStoreContractTest {

    @TempDir
    Path root;

    @Override
    protected ObjectStore newStore() {
        return new FileSystemObjectStore(root.resolve("store"));
    }

    @Override
    protected int manyObjects() {
        // a folder is walked whole, it has no pages to get wrong: a few hundred fsync'd files suffice
        return 300;
    }

    @Test
    void temporaryFilesOfUnfinishedWritesAreInvisible() throws IOException {
        store.put("bronze/a", new byte[] {1});
        Files.write(root.resolve("store/bronze/.tmp-crashed-write"), new byte[] {2});

        assertThat(store.list("bronze/").map(ObjectInfo::key)).containsExactly("bronze/a");
        assertThat(store.list("").map(ObjectInfo::key)).containsExactly("bronze/a");
    }

    @Test
    void objectsAreFilesUnderTheRootFolder() {
        store.put("bronze/date=2025-12-10/x.jsonl.gz", new byte[] {1, 2});

        assertThat(root.resolve("store/bronze/date=2025-12-10/x.jsonl.gz")).hasBinaryContent(new byte[] {1, 2});
    }
}
