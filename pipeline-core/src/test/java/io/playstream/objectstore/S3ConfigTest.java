package io.playstream.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3ConfigTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

    @Test
    void defaultsArePathStyleUsEast1NoPrefixAndNoBucketCreation() {
        S3Config config = S3Config.of(ENDPOINT, "playstream", "access", "secret");

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.prefix()).isEmpty();
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.createBucketIfMissing()).isFalse();
        assertThat(config.connectTimeout()).isEqualTo(S3Config.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void aPrefixAlwaysEndsWithASlash() {
        S3Config config = S3Config.of(ENDPOINT, "playstream", "access", "secret");

        assertThat(config.withPrefix("lake/raw").prefix()).isEqualTo("lake/raw/");
        assertThat(config.withPrefix("lake/").prefix()).isEqualTo("lake/");
        assertThat(config.withPrefix("").prefix()).isEmpty();
    }

    @Test
    void copiesChangeOnlyWhatTheySay() {
        S3Config config = S3Config.of(ENDPOINT, "playstream", "access", "secret");

        S3Config changed = config.withRegion("eu-west-1").withPathStyle(false).withCreateBucketIfMissing(true);

        assertThat(changed.region()).isEqualTo("eu-west-1");
        assertThat(changed.pathStyle()).isFalse();
        assertThat(changed.createBucketIfMissing()).isTrue();
        assertThat(changed.bucket()).isEqualTo(config.bucket());
        assertThat(config.region()).isEqualTo("us-east-1");
    }

    @Test
    void toStringAndDescribeHideTheSecretAndMostOfTheAccessKey() {
        S3Config config = S3Config.of(ENDPOINT, "playstream", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG");

        assertThat(config.toString()).doesNotContain("wJalrXUtnFEMI").doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .contains("secretKey=****", "accessKey=AKIA****", "bucket=playstream");
        assertThat(config.describe()).isEqualTo("s3://playstream/ at http://127.0.0.1:9000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Upper", "under_score", "-leading", "trailing-", "two..dots", "sp ace"})
    void badBucketNamesAreRefusedWithTheRule(String bucket) {
        assertThatThrownBy(() -> S3Config.of(ENDPOINT, bucket, "a", "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket '" + bucket + "'")
                .hasMessageContaining("3-63 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "host:9000", "/path", "http:///nohost"})
    void endpointsOtherThanHttpUrlsAreRefused(String endpoint) {
        assertThatThrownBy(() -> S3Config.of(URI.create(endpoint), "playstream", "a", "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint")
                .hasMessageContaining("http://host[:port]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "a//b", "../up", "a/../b"})
    void unsafePrefixesAreRefused(String prefix) {
        S3Config config = S3Config.of(ENDPOINT, "playstream", "a", "s");

        assertThatThrownBy(() -> config.withPrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix '" + prefix + "'");
    }

    @Test
    void emptyCredentialsAndNonPositiveTimeoutsAreRefused() {
        assertThatThrownBy(() -> S3Config.of(ENDPOINT, "playstream", " ", "s")).hasMessageContaining("accessKey");
        assertThatThrownBy(() -> S3Config.of(ENDPOINT, "playstream", "a", "")).hasMessageContaining("secretKey");
        S3Config config = S3Config.of(ENDPOINT, "playstream", "a", "s");
        assertThatThrownBy(() -> config.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> config.withRegion("EU West")).hasMessageContaining("region 'EU West'");
    }
}
