package io.playstream.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ObjectStore} promises, run once per implementation (a subclass each, as in
 * JobRunr's storage provider tests). Each test gets an empty store from {@link #newStore()}.
 */
public abstract class ObjectStoreContractTest {

    protected ObjectStore store;

    /** An empty store, closed after the test. */
    protected abstract ObjectStore newStore();

    /** How many objects the large-listing test writes: past 1,000 for stores that list in pages. */
    protected int manyObjects() {
        return 1_001;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void putThenOpenReturnsTheSameBytes() {
        byte[] body = "{\"event_id\":\"1\"}\n{\"event_id\":\"2\"}\n".getBytes(UTF_8);
        store.put("bronze/date=2025-12-10/hour=15/a.jsonl.gz", body);

        assertThat(read("bronze/date=2025-12-10/hour=15/a.jsonl.gz")).isEqualTo(body);
    }

    @Test
    void putOfAnEmptyBodyStoresAnEmptyObject() {
        store.put("empty", new byte[0]);

        assertThat(read("empty")).isEmpty();
        assertThat(store.stat("empty")).hasValueSatisfying(info -> assertThat(info.size()).isZero());
    }

    @Test
    void putOverwritesAnExistingObject() {
        store.put("k/object", "first version".getBytes(UTF_8));
        store.put("k/object", "second".getBytes(UTF_8));

        assertThat(new String(read("k/object"), UTF_8)).isEqualTo("second");
        assertThat(store.list("k/").map(ObjectInfo::key)).containsExactly("k/object");
    }

    @Test
    void statReportsKeySizeEtagAndTimeOfAnObject() {
        store.put("a/b.txt", new byte[1234]);

        ObjectInfo info = store.stat("a/b.txt").orElseThrow();

        assertThat(info.key()).isEqualTo("a/b.txt");
        assertThat(info.size()).isEqualTo(1234);
        assertThat(info.etag()).isNotBlank();
        assertThat(info.lastModified()).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void statOfAMissingKeyIsEmpty() {
        assertThat(store.stat("no/such/key")).isEmpty();
    }

    @Test
    void etagChangesWhenContentChangesEvenAtTheSameSizeAndInQuickSuccession() {
        // rewrites in a row, as fast as the store takes them: a coarse clock must not hide one
        List<String> etags = new ArrayList<>();
        for (int version = 0; version < 10; version++) {
            store.put("changing", ("content " + version).getBytes(UTF_8));
            etags.add(store.stat("changing").orElseThrow().etag());
        }

        assertThat(etags).doesNotHaveDuplicates();
    }

    @Test
    void listReturnsTheKeysUnderThePrefixInAscendingOrderWithTheirInfo() {
        for (String key : List.of("bronze/date=2025-12-10/hour=16/b", "bronze/date=2025-12-10/hour=15/z",
                "bronze/date=2025-12-10/hour=15/a", "dead-letter/date=2025-12-10/x", "bronzeage")) {
            store.put(key, key.getBytes(UTF_8));
        }

        try (Stream<ObjectInfo> listing = store.list("bronze/")) {
            List<ObjectInfo> objects = listing.toList();
            assertThat(objects).extracting(ObjectInfo::key).containsExactly("bronze/date=2025-12-10/hour=15/a",
                    "bronze/date=2025-12-10/hour=15/z", "bronze/date=2025-12-10/hour=16/b");
            assertThat(objects.get(0).size()).isEqualTo("bronze/date=2025-12-10/hour=15/a".length());
            assertThat(objects.get(0).etag()).isEqualTo(store.stat(objects.get(0).key()).orElseThrow().etag());
        }
        assertThat(store.list("bronze/date=2025-12-10/hour=15/").map(ObjectInfo::key)).hasSize(2);
        assertThat(store.list("bronze").map(ObjectInfo::key)).hasSize(4);
        assertThat(store.list("").map(ObjectInfo::key)).hasSize(5);
    }

    @Test
    void listOfAPrefixWithoutObjectsIsEmpty() {
        store.put("bronze/a", new byte[1]);

        assertThat(store.list("silver/")).isEmpty();
        assertThat(store.list("bronze/zzz/")).isEmpty();
    }

    @Test
    void listReturnsEveryObjectPastOneThousand() throws Exception {
        int count = manyObjects();
        List<String> written = IntStream.range(0, count).mapToObj(i -> "many/" + String.format("%05d", i) + ".jsonl")
                .toList();
        seed(written);

        try (Stream<ObjectInfo> listing = store.list("many/")) {
            List<String> keys = listing.map(ObjectInfo::key).toList();
            assertThat(keys).hasSize(count).isSorted().doesNotHaveDuplicates().isEqualTo(written);
        }
    }

    /**
     * Writes one-byte objects under {@code keys} for the large-listing test. Through {@link ObjectStore#put} by
     * default; a subclass may write behind the store's back when a thousand round trips would only slow the test.
     */
    protected void seed(List<String> keys) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(writers.submit(() -> store.put(key, new byte[] {1})));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    @Test
    void deleteRemovesAnObjectAndIgnoresAMissingOne() {
        store.put("gone", new byte[] {1, 2, 3});

        store.delete("gone");
        store.delete("gone");
        store.delete("never/there");

        assertThat(store.stat("gone")).isEmpty();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void openOfAMissingKeyFailsPermanently() {
        assertThatThrownBy(() -> store.open("no/such/object"))
                .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("no/such/object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/absolute", "a//b", "../escape", "a/../../b", "a/./b", "trailing/", "back\\slash",
        "control\u0001char"})
    void unsafeKeysAreRefusedByEveryOperation(String key) {
        assertThatThrownBy(() -> store.put(key, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stat(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void concurrentPutsToTheSameKeyLeaveOneWholeObject() throws Exception {
        int writers = 6;
        List<byte[]> bodies = IntStream.range(0, writers).mapToObj(i -> filled(256 * 1024, (byte) ('a' + i))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (byte[] body : bodies) {
                puts.add(pool.submit(() -> store.put("contended/key", body)));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }

        byte[] stored = read("contended/key");
        assertThat(bodies).anySatisfy(body -> assertThat(Arrays.equals(body, stored)).isTrue());
        assertThat(store.list("contended/").map(ObjectInfo::key)).containsExactly("contended/key");
    }

    @Test
    void downloadCopiesAnObjectToALocalFile(@TempDir Path folder) throws IOException {
        store.put("x/y.bin", new byte[] {9, 8, 7});

        store.download("x/y.bin", folder.resolve("y.bin"));

        assertThat(Files.readAllBytes(folder.resolve("y.bin"))).containsExactly(9, 8, 7);
    }

    @Test
    void describeNamesTheStore() {
        assertThat(store.describe()).isNotBlank();
        assertThat(store.toString()).contains(store.describe());
    }

    protected byte[] read(String key) {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] filled(int size, byte value) {
        byte[] body = new byte[size];
        Arrays.fill(body, value);
        return body;
    }
}
