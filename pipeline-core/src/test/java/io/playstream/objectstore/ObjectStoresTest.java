package io.playstream.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectStoresTest {

    private static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "minioadmin",
            "AWS_SECRET_ACCESS_KEY", "minioadmin-secret");

    @Test
    void aFileUriOpensALocalFolder(@TempDir Path folder) {
        try (ObjectStore store = ObjectStores.open(folder.toUri().toString(), Map.of())) {
            assertThat(store).isInstanceOf(FileSystemObjectStore.class);
            assertThat(((FileSystemObjectStore) store).root()).isEqualTo(folder.toAbsolutePath().normalize());
        }
        try (ObjectStore store = ObjectStores.open("file:" + folder.resolve("lake"), Map.of())) {
            assertThat(((FileSystemObjectStore) store).root()).isEqualTo(folder.resolve("lake"));
        }
    }

    @Test
    void anS3UriNamesBucketPrefixEndpointAndOptions() {
        S3Config config = ObjectStores.s3Config(
                "s3://playstream/lake/raw?endpoint=http://127.0.0.1:9000&region=eu-west-1&path-style=false"
                        + "&create-bucket=true", CREDENTIALS);

        assertThat(config.bucket()).isEqualTo("playstream");
        assertThat(config.prefix()).isEqualTo("lake/raw/");
        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.createBucketIfMissing()).isTrue();
        assertThat(config.accessKey()).isEqualTo("minioadmin");
        assertThat(config.secretKey()).isEqualTo("minioadmin-secret");
    }

    @Test
    void anS3UriWithoutOptionsTakesTheDefaults() {
        S3Config config = ObjectStores.s3Config("s3://playstream?endpoint=https://s3.eu-west-1.amazonaws.com",
                CREDENTIALS);

        assertThat(config.prefix()).isEmpty();
        assertThat(config.region()).isEqualTo(S3Config.DEFAULT_REGION);
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.createBucketIfMissing()).isFalse();
    }

    @Test
    void anS3UriOpensAnS3StoreWithoutContactingTheServer() {
        try (ObjectStore store = ObjectStores.open("s3://playstream/lake?endpoint=http://127.0.0.1:9", CREDENTIALS)) {
            assertThat(store).isInstanceOf(S3ObjectStore.class);
            assertThat(store.describe()).isEqualTo("s3://playstream/lake/ at http://127.0.0.1:9");
        }
    }

    @Test
    void missingCredentialsNameTheVariable() {
        assertThatThrownBy(() -> ObjectStores.open("s3://playstream?endpoint=http://127.0.0.1:9000",
                Map.of("AWS_ACCESS_KEY_ID", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is not set")
                .hasMessageNotContaining("bad store URI")
                .satisfies(e -> assertThat(e.getMessage().split("s3://playstream", -1)).hasSize(2));
    }

    @Test
    void aReaderRefusesAFolderThatDoesNotExistAndLeavesItUncreated(@TempDir Path folder) {
        Path typo = folder.resolve("no-such-folder");

        assertThatThrownBy(() -> ObjectStores.openExisting("file:" + typo, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(typo + " does not exist");
        assertThat(typo).doesNotExist();
    }

    @Test
    void aReaderOpensAnExistingFolderWhileAWriterCreatesAMissingOne(@TempDir Path folder) {
        try (ObjectStore store = ObjectStores.openExisting(folder.toUri().toString(), Map.of())) {
            assertThat(((FileSystemObjectStore) store).root()).isEqualTo(folder.toAbsolutePath().normalize());
        }
        try (ObjectStore store = ObjectStores.open("file:" + folder.resolve("new-lake"), Map.of())) {
            assertThat(folder.resolve("new-lake")).isDirectory();
        }
    }

    @Test
    void aReaderNeverCreatesAnS3BucketSoItOpensWithoutContactingTheServer() {
        try (ObjectStore store = ObjectStores.openExisting("s3://playstream?endpoint=http://127.0.0.1:9&create-bucket=true",
                CREDENTIALS)) {
            assertThat(store).isInstanceOf(S3ObjectStore.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs/without/scheme", "relative/folder", "file:relative", "file://host/abs",
        "file:/abs?x=1", "gs://bucket", "s3://playstream", "s3://playstream?endpoint=ftp://host",
        "s3://playstream?endpoint=http://h:1&colour=blue", "s3://playstream?endpoint=http://h:1&path-style=yes",
        "s3://Bad_Bucket?endpoint=http://h:1", "s3://user@playstream?endpoint=http://h:1",
        "s3://playstream/../up?endpoint=http://h:1", "s3://playstream?endpoint=http://h:1&endpoint=http://h:2",
        "not a uri"})
    void badUrisFailWithTheProblemAndTheAcceptedForms(String uri) {
        assertThatThrownBy(() -> ObjectStores.open(uri, CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad store URI")
                .hasMessageContaining("file:/absolute/folder")
                .hasMessageContaining("s3://bucket[/prefix]?endpoint=");
    }

    @Test
    void errorsNeverShowTheSecret() {
        assertThatThrownBy(() -> ObjectStores.open("s3://playstream?endpoint=http://h:1&colour=blue", CREDENTIALS))
                .hasMessageNotContaining("minioadmin-secret")
                .hasMessageContaining("unknown parameter 'colour'");
    }
}
