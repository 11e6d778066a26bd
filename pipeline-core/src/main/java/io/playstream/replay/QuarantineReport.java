package io.playstream.replay;

import io.playstream.transform.RunSummary;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a replay of silver's quarantine found, or (dry run) would do.
 *
 * @param judged       quarantined rows judged again: all but the duplicates, which no rule change frees
 * @param passing      rows today's rules accept, by the {@code reject_reason} they carry
 * @param stillFailing rows today's rules still refuse, by today's reason
 * @param newEvents    distinct events among the passing rows that silver does not hold yet; the
 *                     other passing rows become {@code duplicate_event_id} rows
 * @param rebuild      the rebuild of silver and its children a real run made; empty for a dry run,
 *                     and when nothing passes (then nothing needs rebuilding)
 */
public record QuarantineReport(long judged, SortedMap<String, Long> passing, SortedMap<String, Long> stillFailing,
        long newEvents, Optional<RunSummary> rebuild) {

    public QuarantineReport {
        passing = Collections.unmodifiableSortedMap(new TreeMap<>(passing));
        stillFailing = Collections.unmodifiableSortedMap(new TreeMap<>(stillFailing));
    }

    public long passingCount() {
        return passing.values().stream().mapToLong(Long::longValue).sum();
    }

    public long stillFailingCount() {
        return stillFailing.values().stream().mapToLong(Long::longValue).sum();
    }

    QuarantineReport withRebuild(RunSummary summary) {
        return new QuarantineReport(judged, passing, stillFailing, newEvents, Optional.of(summary));
    }
}
