package io.playstream.warehouse;

import io.playstream.LogText;
import io.playstream.objectstore.ObjectInfo;
import io.playstream.objectstore.ObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.HourPartition;
import io.playstream.partition.LegacyBronzeKey;
import io.playstream.partition.ObjectKey;
import io.playstream.partition.ObjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what a load must read: every bronze object (ours or the original pipeline's) under
 * {@code bronze/} that the manifest lacks or holds with another etag, within the interval if one is
 * given. Any other key (dead letters, stray files, hostile names such as {@code bronze/../x}) is
 * counted and never read.
 */
final class ObjectDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectDiscovery.class);

    private ObjectDiscovery() {
    }

    /** What to load, and what was passed over. */
    record Plan(List<PendingObject> pending, int upToDate, int skippedKeys) {

        long bytes() {
            return pending.stream().mapToLong(p -> p.info().size()).sum();
        }
    }

    static Plan plan(ObjectStore store, Map<String, String> manifest, Optional<LoadInterval> interval) {
        List<PendingObject> pending = new ArrayList<>();
        int upToDate = 0;
        int skipped = 0;
        try (Stream<ObjectInfo> listing = store.list(ObjectKeys.BRONZE_PREFIX)) {
            for (ObjectInfo info : (Iterable<ObjectInfo>) listing::iterator) {
                Optional<HourPartition> partition = loadable(info.key());
                if (partition.isEmpty()) {
                    skipped++;
                    LOG.warn("Skipping key={}: {}", LogText.printable(info.key(), 200),
                            ObjectKeys.unsafeReason(info.key()).orElse("not a bronze object key"));
                    continue;
                }
                if (interval.isPresent() && !interval.get().contains(partition.get())) {
                    continue;
                }
                String loadedEtag = manifest.get(info.key());
                if (info.etag().equals(loadedEtag)) {
                    upToDate++;
                } else {
                    pending.add(new PendingObject((ObjectKey) partition.get(), info, loadedEtag != null));
                }
            }
        }
        return new Plan(pending, upToDate, skipped);
    }

    /**
     * As {@link #plan}, for the given keys only, without listing the store: each is looked up on
     * its own. A key the store no longer has is passed over (the listing of a later catch-up load
     * decides about it).
     */
    static Plan planKeys(ObjectStore store, Map<String, String> manifest, java.util.Collection<String> keys) {
        List<PendingObject> pending = new ArrayList<>();
        int upToDate = 0;
        int skipped = 0;
        for (String key : keys) {
            Optional<HourPartition> partition = loadable(key);
            Optional<ObjectInfo> info = partition.isEmpty() ? Optional.empty() : store.stat(key);
            if (info.isEmpty()) {
                skipped++;
                LOG.warn("Skipping announced key={}: {}", LogText.printable(key, 200),
                        partition.isEmpty() ? "not a bronze object key" : "not in the store");
                continue;
            }
            String loadedEtag = manifest.get(key);
            if (info.get().etag().equals(loadedEtag)) {
                upToDate++;
            } else {
                pending.add(new PendingObject((ObjectKey) partition.get(), info.get(), loadedEtag != null));
            }
        }
        return new Plan(pending, upToDate, skipped);
    }

    private static Optional<HourPartition> loadable(String key) {
        return ObjectKey.parse(key)
                .filter(k -> k instanceof BronzeKey || k instanceof LegacyBronzeKey)
                .map(HourPartition.class::cast);
    }
}
