package io.playstream.event;

import static java.util.Objects.requireNonNull;

import io.playstream.LogText;
import java.nio.charset.StandardCharsets;

/**
 * What decoding one message gave: an event or the reason it is not one. Both keep the original
 * bytes, so nothing is lost whichever way it went.
 */
public sealed interface DecodeResult {

    /** How much of a message a log line or an error shows. */
    int SHOWN_CHARS = 200;

    /** The message exactly as received. */
    byte[] raw();

    /** A valid event. */
    record Decoded(ListeningEvent event, byte[] raw) implements DecodeResult {
        public Decoded {
            requireNonNull(event, "event");
            requireNonNull(raw, "raw");
        }

        @Override
        public String toString() {
            return "Decoded[event=" + event + ", raw=" + shown(raw) + "]";
        }
    }

    /** A message that is not a valid event. */
    record Rejected(Rejection rejection, byte[] raw) implements DecodeResult {
        public Rejected {
            requireNonNull(rejection, "rejection");
            requireNonNull(raw, "raw");
        }

        @Override
        public String toString() {
            return "Rejected[rejection=" + rejection + ", raw=" + shown(raw) + "]";
        }
    }

    /**
     * The message as text a log line can quote (a record's own toString would print {@code [B@1b701da1}):
     * decoded as UTF-8 with malformed bytes replaced, control characters masked, cut after
     * {@value #SHOWN_CHARS} characters.
     */
    private static String shown(byte[] raw) {
        return "'" + LogText.printable(new String(raw, StandardCharsets.UTF_8), SHOWN_CHARS) + "' (" + raw.length + " bytes)";
    }
}
