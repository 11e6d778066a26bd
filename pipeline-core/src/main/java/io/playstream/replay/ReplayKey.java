package io.playstream.replay;

import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import io.playstream.partition.DeadLetterKey;
import java.time.Instant;

/**
 * Where the dead letters of one dead-letter object that now pass land in bronze: one ordinary
 * bronze key per event hour, whose offset is the dead-letter object's first offset. A pure function
 * of the dead-letter object and the hour, so a second replay, or one after a crash, writes the same
 * keys again; and no sink object can hold it, since the sink starts an object only at a record it
 * accepted, while the record at that offset was refused.
 */
final class ReplayKey {

    private ReplayKey() {
    }

    static BronzeKey of(DeadLetterKey deadLetters, Instant eventTime) {
        return BronzeKey.of(deadLetters.topic(), deadLetters.partition(), deadLetters.startOffset(), eventTime,
                Compression.GZIP);
    }
}
