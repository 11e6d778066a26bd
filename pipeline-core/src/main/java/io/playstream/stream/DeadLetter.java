package io.playstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.event.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * One line of a dead-letter object (CONTRACTS.md §2) as read back: what {@link DeadLetterChunk}
 * wrote for one refused message. Both live here so the format has one home.
 *
 * @param reason     the reason code recorded when the sink refused it (a {@code RejectReason} name
 *                   then; kept as text, since the list may have changed since)
 * @param detail     the human-readable detail, may be null
 * @param topic      the Kafka topic
 * @param partition  the Kafka partition
 * @param offset     the record's offset
 * @param recordTime the Kafka record's timestamp
 * @param key        the message key's bytes, null when it had none
 * @param value      the message value's bytes, null for a tombstone
 */
public record DeadLetter(String reason, String detail, String topic, int partition, long offset, Instant recordTime,
        byte[] key, byte[] value) {

    static final String REASON = "reason";
    static final String DETAIL = "detail";
    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String TIMESTAMP = "timestamp";
    static final String KEY = "key";
    static final String VALUE = "value";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one line; an {@link IllegalArgumentException} starting "not a dead letter" when it is not one. */
    public static DeadLetter parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a dead letter: not a JSON object");
            }
            return new DeadLetter(text(node, REASON, true), text(node, DETAIL, false), text(node, TOPIC, true),
                    Math.toIntExact(whole(node, PARTITION)), whole(node, OFFSET),
                    Timestamps.parse(text(node, TIMESTAMP, true))
                            .orElseThrow(() -> new IllegalArgumentException("not a dead letter: bad timestamp")),
                    bytes(node, KEY), bytes(node, VALUE));
        } catch (IOException | ArithmeticException e) {
            throw new IllegalArgumentException("not a dead letter: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("not a dead letter: no " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("not a dead letter: " + field + " is not a string");
        }
        return value.asText();
    }

    private static long whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("not a dead letter: " + field + " is not a whole number 0 or more");
        }
        return value.longValue();
    }

    private static byte[] bytes(JsonNode node, String field) {
        String text = text(node, field, false);
        try {
            return text == null ? null : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a dead letter: " + field + " is not base64", e);
        }
    }
}
