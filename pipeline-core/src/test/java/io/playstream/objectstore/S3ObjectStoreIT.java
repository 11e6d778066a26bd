package io.playstream.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.PlaystreamException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract against a real S3 server, plus what only S3 has: prefixes, buckets, credentials. */
class S3ObjectStoreIT extends ObjectStoreContractTest {

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @Override
    protected ObjectStore newStore() {
        // a bucket per test, and a prefix so that every contract test also proves keys are relative to it
        return new S3ObjectStore(S3.config(S3.createBucket()).withPrefix("playstream"));
    }

    @Override
    protected void seed(List<String> keys) {
        // straight into S3Proxy's storage: the test is about listing 1,234 objects in pages, not about 1,234 PUTs
        S3Config config = ((S3ObjectStore) store).config();
        for (String key : keys) {
            S3.server().putDirectly(config.bucket(), config.prefix() + key, new byte[] {1});
        }
    }

    @Test
    void keysAreRelativeToTheConfiguredPrefix() {
        S3Config config = ((S3ObjectStore) store).config();
        store.put("bronze/a", "x".getBytes(UTF_8));

        try (ObjectStore wholeBucket = new S3ObjectStore(config.withPrefix(""))) {
            wholeBucket.put("outside", new byte[1]);
            assertThat(wholeBucket.list("").map(ObjectInfo::key)).containsExactly("outside", "playstream/bronze/a");
        }
        assertThat(store.list("").map(ObjectInfo::key)).containsExactly("bronze/a");
    }

    @Test
    void unsafeKeysWrittenByAnotherToolAreListedForCountingButNeverOpened() {
        S3Config config = ((S3ObjectStore) store).config();
        store.put("fine", new byte[1]);
        // S3 takes any key; another tool may write one that must never become a local path
        S3.server().putDirectly(config.bucket(), config.prefix() + "back\\slash", new byte[1]);

        assertThat(store.list("").map(ObjectInfo::key)).containsExactlyInAnyOrder("fine", "back\\slash");
        assertThatThrownBy(() -> store.open("back\\slash")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWrongSecretFailsPermanently() {
        S3Config config = ((S3ObjectStore) store).config();
        S3Config wrong = new S3Config(config.endpoint(), config.region(), config.bucket(), config.prefix(),
                config.accessKey(), "not-the-secret", true, false, config.connectTimeout(), config.requestTimeout());

        try (ObjectStore denied = new S3ObjectStore(wrong)) {
            assertThatThrownBy(() -> denied.put("k", new byte[1]))
                    .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageNotContaining("not-the-secret");
            assertThatThrownBy(() -> denied.list("").toList())
                    .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isFalse());
        }
    }

    @Test
    void aMissingBucketFailsPermanently() {
        try (ObjectStore missing = new S3ObjectStore(S3.config("no-such-bucket"))) {
            assertThatThrownBy(() -> missing.put("k", new byte[1]))
                    .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("NoSuchBucket");
            assertThatThrownBy(() -> missing.list("").toList())
                    .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isFalse());
        }
    }

    @Test
    void aMissingBucketIsCreatedWhenAsked() {
        S3Config config = S3.config("created-on-open").withCreateBucketIfMissing(true);

        try (ObjectStore created = new S3ObjectStore(config)) {
            created.put("k", new byte[] {5});
            assertThat(created.stat("k")).isPresent();
        }
        try (ObjectStore again = new S3ObjectStore(config)) {
            assertThat(again.list("").map(ObjectInfo::key)).containsExactly("k");
        }
    }

    @Test
    void theSecretKeyNeverAppearsInDescriptions() {
        S3Config config = ((S3ObjectStore) store).config();

        assertThat(store.describe()).doesNotContain(S3ProxyServer.SECRET_KEY).contains(config.bucket());
        assertThat(store.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
        assertThat(config.toString()).doesNotContain(S3ProxyServer.SECRET_KEY).contains("secretKey=****");
    }

    @Test
    void aStoreUriOpensTheSameBucket() {
        String bucket = S3.createBucket();

        try (ObjectStore fromUri = ObjectStores.open(S3.storeUri(bucket) + "&region=us-east-1&path-style=true",
                S3.environment())) {
            fromUri.put("via/uri", "v".getBytes(UTF_8));
            assertThat(fromUri).isInstanceOf(S3ObjectStore.class);
        }
        try (ObjectStore direct = new S3ObjectStore(S3.config(bucket))) {
            assertThat(direct.list("").map(ObjectInfo::key)).containsExactly("via/uri");
        }
    }
}
