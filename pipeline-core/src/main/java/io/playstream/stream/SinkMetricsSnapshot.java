package io.playstream.stream;

/**
 * The sink's counters at one moment. Counters only grow while the sink runs.
 *
 * @param recordsIn        records consumed (a replayed record counts again)
 * @param bronzeLines      lines committed to bronze files
 * @param deadLetters      messages committed to dead-letter files
 * @param files            objects written
 * @param bytesWritten     compressed bytes written
 * @param flushes          successful flushes
 * @param flushFailures    failed flush attempts (retried)
 * @param flushMillisTotal time spent in successful flushes
 * @param lastFlushMillis  duration of the last successful flush
 * @param lag              records behind the end of the assigned partitions, at the last poll
 */
public record SinkMetricsSnapshot(long recordsIn, long bronzeLines, long deadLetters, long files, long bytesWritten,
        long flushes, long flushFailures, long flushMillisTotal, long lastFlushMillis, long lag) {
}
