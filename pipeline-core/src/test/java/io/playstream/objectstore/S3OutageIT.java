package io.playstream.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.PlaystreamException;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An S3 server that goes away and comes back: failures while it is gone are retriable, then work resumes. */
class S3OutageIT {

    // a server of its own: stopping it must not disturb other test classes
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @Test
    void operationsFailRetriablyWhileTheServerIsDownAndSucceedAfterItRestarts() {
        S3Config config = S3.config(S3.createBucket()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (ObjectStore store = new S3ObjectStore(config)) {
            store.put("bronze/before", "1".getBytes(UTF_8));

            S3.stop();
            assertRetriable(() -> store.put("bronze/during", "2".getBytes(UTF_8)));
            assertRetriable(() -> store.list("bronze/").toList());
            assertRetriable(() -> store.stat("bronze/before"));
            assertRetriable(() -> store.open("bronze/before"));
            assertRetriable(() -> store.delete("bronze/before"));

            S3.restart();
            store.put("bronze/after", "3".getBytes(UTF_8));
            assertThat(store.list("bronze/").map(ObjectInfo::key)).containsExactly("bronze/after", "bronze/before");
        }
    }

    @Test
    void aListingFetchesTheNextPageOnlyWhenItIsReached() {
        String bucket = S3.createBucket();
        for (int i = 0; i < 1_001; i++) {
            S3.server().putDirectly(bucket, String.format("many/%05d", i), new byte[1]);
        }
        try (ObjectStore store = new S3ObjectStore(S3.config(bucket));
                Stream<ObjectInfo> listing = store.list("many/")) {
            Iterator<ObjectInfo> objects = listing.iterator();
            for (int i = 0; i < 1_000; i++) {
                objects.next();
            }

            // the first page is used up; the second is asked for now, from a server that is gone
            S3.stop();
            assertRetriable(objects::hasNext);
        }
    }

    @Test
    void aStoreOpenedWhileTheServerIsDownWorksOnceItIsBack() {
        String bucket = S3.createBucket();
        S3.stop();

        try (ObjectStore store = new S3ObjectStore(S3.config(bucket))) {
            assertRetriable(() -> store.put("k", new byte[1]));
            S3.start();
            store.put("k", new byte[1]);
            assertThat(store.stat("k")).isPresent();
        }
    }

    @Test
    void creatingAMissingBucketWhileTheServerIsDownFailsRetriably() {
        S3.stop();

        assertRetriable(() -> new S3ObjectStore(S3.config("created-later").withCreateBucketIfMissing(true)));
    }

    private static void assertRetriable(ThrowingCallable operation) {
        assertThatThrownBy(operation)
                .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable())
                        .as("retriable: %s", e.getMessage()).isTrue())
                .hasMessageContaining("127.0.0.1:");
    }
}
