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
 * @param assignedPartitions partitions this member owns in its consumer group, at the last poll;
 *                         0 while it waits to join, or when the group has more members than the
 *                         topic has partitions (it then idles)
 */
public record SinkMetricsSnapshot(long recordsIn, long bronzeLines, long deadLetters, long files, long bytesWritten,
        long flushes, long flushFailures, long flushMillisTotal, long lastFlushMillis, long lag,
        long assignedPartitions) {
}
