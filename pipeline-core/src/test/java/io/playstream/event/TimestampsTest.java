package io.playstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2025-12-10T15:26:25.799926Z,        2025-12-10T15:26:25.799926Z",
        "2025-12-10T15:26:25Z,               2025-12-10T15:26:25Z",
        "2025-12-10T15:26:25.7Z,             2025-12-10T15:26:25.700Z",
        "2025-12-10T15:26:25.79Z,            2025-12-10T15:26:25.790Z",
        "2025-12-10T15:26:25.123456789Z,     2025-12-10T15:26:25.123456789Z",
        "2025-12-10T15:26:25.000000000Z,     2025-12-10T15:26:25Z",
        "2025-12-10T17:26:25.799926+02:00,   2025-12-10T15:26:25.799926Z",
        "2025-12-10T17:26:25.799926+0200,    2025-12-10T15:26:25.799926Z",
        "2025-12-10T17:26:25+02,             2025-12-10T15:26:25Z",
        "2025-12-10T10:26:25.5-05:00,        2025-12-10T15:26:25.500Z",
        "2025-12-10T15:26:25.799926+00:00,   2025-12-10T15:26:25.799926Z",
        "2025-12-10 15:26:25.799926Z,        2025-12-10T15:26:25.799926Z",
        "2025-12-10t15:26:25.799926z,        2025-12-10T15:26:25.799926Z",
        "2025-12-11T01:56:25+10:30,          2025-12-10T15:26:25Z",
        "2025-12-10T15:26Z,                  2025-12-10T15:26:00Z",
    })
    void everyIsoFormParsesToTheSameUtcInstant(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2025-12-10", "2025-12-10T15:26:25", "2025-12-10T15:26:25.Z",
        "2025-12-10T15:26:25.1234567890Z", "2025-12-32T15:26:25Z", "2025-12-10T24:00:00Z", "2025-12-10T15:26:25+25:00",
        "１２０２5-12-10T15:26:25Z", "2025-12-10T15:26:25 Z",
        // each taken by the parser before the contract's pattern held it, and refused by every warehouse
        "2025-12-10T15:26:25+02:00:00", "2025-12-10T15:26:25+02:", "2025-12-10T15:26:25+15:00",
        "2025-12-10T 15:26:25Z", "2025-12-1015:26:25Z", "0000-12-10T15:26:25Z", "0000-12-10T15:26:25+01:00",
        "+10000-12-10T15:26:25Z"})
    void textThatIsNotAnInstantIsRefused(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2025-12-10T15:26:25.799926Z,   2025-12-10T15:26:25.799926Z",
        "2025-12-10T15:26:25.800Z,      2025-12-10T15:26:25.800000Z",
        "2025-12-10T15:26:25Z,          2025-12-10T15:26:25Z",
        "2025-12-10T15:26:25.000000001Z, 2025-12-10T15:26:25.000000001Z",
        "1970-01-01T00:00:00.000001Z,   1970-01-01T00:00:00.000001Z",
    })
    void formatPrintsAsThePythonOriginal(String instant, String expected) {
        assertThat(Timestamps.format(Instant.parse(instant))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-12-10T15:26:25.799926Z", "2025-12-10T15:26:25Z", "2025-12-10T15:26:25.000000001Z"})
    void formatAndParseRoundTrip(String text) {
        Instant instant = Instant.parse(text);
        assertThat(Timestamps.parse(Timestamps.format(instant))).contains(instant);
    }
}
