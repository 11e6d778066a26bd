package io.playstream.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    @Test
    void readsKeyValueLinesWithCommentsQuotesAndExport() {
        Map<String, String> env = DotEnv.parse(List.of(
                "# Playstream settings",
                "",
                "PLAYSTREAM_HTTP_PORT=9090",
                "export PLAYSTREAM_KAFKA_TOPIC = listening-events  # the topic",
                "PLAYSTREAM_API_TOKEN='s3cret # not a comment'",
                "GREETING=\"line one\\nline \\\"two\\\"\"",
                "EMPTY="), ".env");

        assertThat(env).containsExactly(
                Map.entry("PLAYSTREAM_HTTP_PORT", "9090"),
                Map.entry("PLAYSTREAM_KAFKA_TOPIC", "listening-events"),
                Map.entry("PLAYSTREAM_API_TOKEN", "s3cret # not a comment"),
                Map.entry("GREETING", "line one\nline \"two\""),
                Map.entry("EMPTY", ""));
    }

    @Test
    void aMalformedLineFailsWithItsNumberButNotItsContent() {
        assertThatThrownBy(() -> DotEnv.parse(List.of("A=1", "this line has the password hunter2"), ".env"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnclosedQuoteFails() {
        assertThatThrownBy(() -> DotEnv.parse(List.of("A=\"open"), ".env")).hasMessageContaining("unclosed quote");
    }
}
