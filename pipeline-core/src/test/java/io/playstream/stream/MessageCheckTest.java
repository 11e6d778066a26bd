package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.RejectReason;
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
        "{\"nested\":{\"timestamp\":\"2025-12-10T15:00:00Z\"}}|MISSING_TIMESTAMP",
        "{\"event_id\":42,\"timestamp\":\"2025-12-10T15:00:00Z\"}|WRONG_TYPE",
        "{\"event_type\":[\"play\"],\"timestamp\":\"2025-12-10T15:00:00Z\"}|WRONG_TYPE",
        "{\"country\":true,\"timestamp\":\"2025-12-10T15:00:00Z\"}|WRONG_TYPE",
        "{\"user_id\":{\"id\":1},\"timestamp\":\"2025-12-10T15:00:00Z\"}|WRONG_TYPE",
        "{\"event_id\":\"a\",\"timestamp\":\"2025-12-10T15:00:00Z\",\"event_id\":\"b\"}|DUPLICATE_FIELD",
        "{\"timestamp\":\"2025-12-10T15:00:00Z\",\"timestamp\":\"1999-01-01T00:00:00Z\"}|DUPLICATE_FIELD",
        "{\"event_id\":42,\"timestamp\":\"2025-12-10T15:00:00Z\"} x|NOT_JSON"
    })
    void badMessagesAreRejectedWithTheirReason(String message, RejectReason reason) {
        assertThat(check.check(bytes(message)).reason()).isEqualTo(reason);
    }

    @Test
    void aLineBreakInsideAMessageWouldSplitTheBronzeLine() {
        assertThat(check.check(bytes("{\"timestamp\":\n\"2025-12-10T15:00:00Z\"}")).reason())
                .isEqualTo(RejectReason.LINE_BREAK);
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
        assertThat(check.check(bytes(unescaped)).reason()).as(where).isEqualTo(RejectReason.LINE_BREAK);
    }

    @Test
    void numbersOfTheWrongTypeNullsAndUnknownFieldsAreLeftToSilver() {
        assertThat(check.check(bytes("{\"position_ms\":\"12\",\"duration_ms\":1.5,\"schema_version\":null,"
                + "\"event_id\":null,\"extra\":[1,{\"event_id\":2}],\"extra2\":3,\"timestamp\":\"2025-12-10T15:00:00Z\"}"))
                .accepted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\ud800|false", "\\udfff|false", "\\ud800\\u0041|false", "\\udc00\\ud800|false", "x\\ud83c|false",
        "\\ud83c\\udfa7|true", "\\\\ud800|true", "\\u00e9|true", "\\\\|true", "\\\"|true"
    })
    void unicodeEscapesMustPairTheirSurrogates(String escaped, boolean accepted) {
        MessageCheck.Verdict verdict = check.check(bytes("{\"song_name\":\"" + escaped + "\",\"timestamp\":\"2025-12-10T15:00:00Z\"}"));
        assertThat(verdict.accepted()).as(escaped).isEqualTo(accepted);
        if (!accepted) {
            assertThat(verdict.reason()).isEqualTo(RejectReason.NOT_UTF8);
        }
    }

    @Test
    void aByteOrderMarkIsNotJson() {
        byte[] json = bytes("{\"timestamp\":\"2025-12-10T15:00:00Z\"}");
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertThat(check.check(withBom).reason()).isEqualTo(RejectReason.NOT_JSON);
        assertThat(check.check(withBom).detail()).contains("byte order mark");
    }

    @Test
    void aMessageLongerThanTheLimitIsTooLargeWhateverItHolds() {
        String padding = "x".repeat(MessageCheck.MAX_MESSAGE_BYTES);
        MessageCheck.Verdict verdict = check.check(bytes("{\"timestamp\":\"2025-12-10T15:00:00Z\",\"pad\":\"" + padding + "\"}"));
        assertThat(verdict.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(check.check(bytes("{\"timestamp\":\"2025-12-10T15:00:00Z\",\"pad\":\""
                + "x".repeat(MessageCheck.MAX_MESSAGE_BYTES - 64) + "\"}")).accepted()).isTrue();
    }

    @Test
    void aNullValueIsATombstone() {
        assertThat(check.check(null).reason()).isEqualTo(RejectReason.EMPTY);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bad = {'{', '"', 't', 'i', 'm', 'e', 's', 't', 'a', 'm', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(check.check(bad).reason()).isEqualTo(RejectReason.NOT_UTF8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
