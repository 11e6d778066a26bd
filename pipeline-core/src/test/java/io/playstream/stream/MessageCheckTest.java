package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageCheckTest {

    private final MessageCheck check = new MessageCheck();

    @Test
    void anObjectWithAParseableTimestampIsAcceptedAtItsEventTime() {
        MessageCheck.Verdict verdict = check.check(bytes("{\"event_id\":\"x\",\"timestamp\":\"2025-12-10T15:26:25.799926+01:00\"}"));
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.eventTime()).isEqualTo(Instant.parse("2025-12-10T14:26:25.799926Z"));
    }

    @Test
    void missingFieldsAndUnknownTypesAreNotTheSinksBusiness() {
        assertThat(check.check(bytes("{\"event_type\":\"dance\",\"nested\":{\"a\":[1,2]},\"timestamp\":\"2025-12-10T15:00:00Z\"}"))
                .accepted()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|EMPTY",
        "not json|NOT_JSON",
        "{\"timestamp\":\"2025-12-10T15:00:00Z\"|NOT_JSON",
        "{\"timestamp\":\"2025-12-10T15:00:00Z\"} {}|NOT_JSON",
        "[1,2]|NOT_AN_OBJECT",
        "\"text\"|NOT_AN_OBJECT",
        "42|NOT_AN_OBJECT",
        "{\"event_id\":\"x\"}|MISSING_TIMESTAMP",
        "{\"timestamp\":null}|BAD_TIMESTAMP",
        "{\"timestamp\":1765380385}|BAD_TIMESTAMP",
        "{\"timestamp\":\"yesterday\"}|BAD_TIMESTAMP",
        "{\"timestamp\":\"2025-12-10T15:00:00\"}|BAD_TIMESTAMP",
        "{\"timestamp\":\"+10000-01-01T00:00:00Z\"}|BAD_TIMESTAMP",
        "{\"timestamp\":\"-0001-01-01T00:00:00Z\"}|BAD_TIMESTAMP",
        "{\"nested\":{\"timestamp\":\"2025-12-10T15:00:00Z\"}}|MISSING_TIMESTAMP"
    })
    void badMessagesAreRejectedWithTheirReason(String message, DeadLetterReason reason) {
        assertThat(check.check(bytes(message)).reason()).isEqualTo(reason);
    }

    @Test
    void aLineBreakInsideAMessageWouldSplitTheBronzeLine() {
        assertThat(check.check(bytes("{\"timestamp\":\n\"2025-12-10T15:00:00Z\"}")).reason())
                .isEqualTo(DeadLetterReason.LINE_BREAK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a trailing newline|`{\"timestamp\":\"2025-12-10T15:00:00Z\"}\\n`",
        "a carriage return between tokens|`{\"timestamp\":\"2025-12-10T15:00:00Z\",\\r\"a\":1}`",
        "a raw newline inside a string|`{\"timestamp\":\"2025-12-10T15:00:00Z\",\"a\":\"x\\ny\"}`",
        "a newline in a message without timestamp|`{\"a\":\\n1}`",
        "a newline after broken JSON|`{\"timestamp\":\\n`"
    })
    void everyLineBreakIsFoundWhereverItIs(String where, String message) {
        String unescaped = message.replace("\\n", "\n").replace("\\r", "\r");
        assertThat(check.check(bytes(unescaped)).reason()).as(where).isEqualTo(DeadLetterReason.LINE_BREAK);
    }

    @Test
    void aNullValueIsATombstone() {
        assertThat(check.check(null).reason()).isEqualTo(DeadLetterReason.EMPTY);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bad = {'{', '"', 't', 'i', 'm', 'e', 's', 't', 'a', 'm', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(check.check(bad).reason()).isEqualTo(DeadLetterReason.NOT_UTF8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
