package io.playstream.partition;

import java.util.Optional;

/**
 * An object key Playstream knows how to read: a bronze file, a dead-letter file, or a bronze file
 * written by the original Python pipeline. Keys are relative to the store's root (or prefix).
 */
public sealed interface ObjectKey permits BronzeKey, DeadLetterKey, LegacyBronzeKey {

    /** The key as stored, e.g. {@code bronze/date=2025-12-10/hour=15/spotify-events+0+0000000000000000042.jsonl.gz}. */
    String value();

    /**
     * Parses a key of any of the three layouts. Empty for anything else, including every key that
     * could escape its prefix: the patterns admit no {@code ..}, no leading {@code /}, no backslash.
     */
    static Optional<ObjectKey> parse(String key) {
        if (!ObjectKeys.isSafe(key)) {
            return Optional.empty();
        }
        Optional<? extends ObjectKey> parsed = BronzeKey.parse(key);
        if (parsed.isEmpty()) {
            parsed = LegacyBronzeKey.parse(key);
        }
        if (parsed.isEmpty()) {
            parsed = DeadLetterKey.parse(key);
        }
        return parsed.map(ObjectKey.class::cast);
    }
}
