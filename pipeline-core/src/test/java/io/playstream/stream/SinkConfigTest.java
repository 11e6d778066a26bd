package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    @Test
    void defaultsAreValid() {
        SinkConfig config = SinkConfig.defaults("spotify-events");
        assertThat(config.groupId()).isEqualTo(SinkConfig.DEFAULT_GROUP);
        assertThat(config.gzipLevel()).isEqualTo(SinkConfig.DEFAULT_GZIP_LEVEL);
    }

    @Test
    void aBadValueNamesItsKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> SinkConfig.defaults("spotify-events").withGzipLevel(0))
                .hasMessageContaining("gzip.level must be 1-9");
        assertThatThrownBy(() -> SinkConfig.defaults("spotify-events").withFlush(0, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("flush.records");
        assertThatThrownBy(() -> SinkConfig.defaults("spotify-events").withMaxBufferedBytes(1))
                .hasMessageContaining("max.buffered.bytes");
        assertThatThrownBy(() -> SinkConfig.defaults("bad topic"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kafkaSettingsRejectAMalformedBootstrapAndHideSecrets() {
        assertThatThrownBy(() -> KafkaSettings.of("localhost")).hasMessageContaining("bootstrap.servers");
        KafkaSettings settings = KafkaSettings.of("a:9092,b:9092").with("sasl.jaas.config", "secret");
        assertThat(settings.toString()).doesNotContain("secret");
        assertThat(settings.toProperties(java.util.Map.of()).getProperty("sasl.jaas.config")).isEqualTo("secret");
    }
}
