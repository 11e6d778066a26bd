package io.playstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodeResultTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void aRejectedMessageShowsItsBytesAsPrintableTextNotAnArrayReference() {
        DecodeResult result = codec.decode("{\"event_id\": 42}\u001b[2J".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(result.toString()).contains("{\"event_id\": 42}?[2J").contains("bytes)").doesNotContain("[B@");
    }

    @Test
    void aLongMessageIsCutWhereALogLineCanHoldIt() {
        String message = "x".repeat(5_000);

        String shown = codec.decode(message.getBytes(StandardCharsets.UTF_8)).toString();

        assertThat(shown).contains("raw='" + "x".repeat(DecodeResult.SHOWN_CHARS) + "...' (5000 bytes)")
                .hasSizeLessThan(1_000);
    }
}
