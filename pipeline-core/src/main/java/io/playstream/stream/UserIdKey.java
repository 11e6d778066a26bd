package io.playstream.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.playstream.event.EventFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Kafka key of a raw message: its top-level {@code user_id} as UTF-8, or null when the message
 * has none (or is not JSON: it is still sent, and the sink dead-letters it).
 */
final class UserIdKey {

    private static final JsonFactory JSON = new JsonFactory();

    private UserIdKey() {
    }

    static byte[] of(byte[] message) {
        try (JsonParser parser = JSON.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                JsonToken value = parser.nextToken();
                if (EventFields.USER_ID.equals(parser.currentName()) && value == JsonToken.VALUE_STRING) {
                    return parser.getText().getBytes(StandardCharsets.UTF_8);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
