package io.playstream.replay;

import java.util.List;
import java.util.SortedMap;

/**
 * What a replay of dead letters found, or (dry run) would do.
 *
 * @param applied          false for a dry run: nothing was written
 * @param deadLetterObjects dead-letter objects read
 * @param deadLetters      dead letters read in them
 * @param passing          dead letters today's check accepts, by the reason recorded when they were refused
 * @param stillFailing     dead letters today's check still refuses, by today's reason
 * @param written          bronze objects written (dry run: that would be written)
 * @param unchanged        bronze objects already in the store with the same bytes, left alone
 * @param unreadable       keys under {@code dead-letter/} that are not dead-letter objects, or whose
 *                         body cannot be read whole, each with why; never read or changed
 */
public record ReplayReport(boolean applied, int deadLetterObjects, long deadLetters,
        SortedMap<String, Long> passing, SortedMap<String, Long> stillFailing,
        List<String> written, List<String> unchanged, List<String> unreadable) {

    public ReplayReport {
        passing = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(passing));
        stillFailing = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(stillFailing));
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        unreadable = List.copyOf(unreadable);
    }

    public long passingCount() {
        return passing.values().stream().mapToLong(Long::longValue).sum();
    }

    public long stillFailingCount() {
        return stillFailing.values().stream().mapToLong(Long::longValue).sum();
    }
}
