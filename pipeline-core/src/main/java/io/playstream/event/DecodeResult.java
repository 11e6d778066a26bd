package io.playstream.event;

import static java.util.Objects.requireNonNull;

/**
 * What decoding one message gave: an event or the reason it is not one. Both keep the original
 * bytes, so nothing is lost whichever way it went.
 */
public sealed interface DecodeResult {

    /** The message exactly as received. */
    byte[] raw();

    /** A valid event. */
    record Decoded(ListeningEvent event, byte[] raw) implements DecodeResult {
        public Decoded {
            requireNonNull(event, "event");
            requireNonNull(raw, "raw");
        }
    }

    /** A message that is not a valid event. */
    record Rejected(Rejection rejection, byte[] raw) implements DecodeResult {
        public Rejected {
            requireNonNull(rejection, "rejection");
            requireNonNull(raw, "raw");
        }
    }
}
