package io.playstream.warehouse;

import java.time.Duration;

/**
 * What one load did.
 *
 * @param objects         objects loaded (new or changed)
 * @param replacedObjects of these, objects whose earlier rows were replaced because their etag changed
 * @param rows            rows added to {@code bronze.spotify_events}
 * @param rejectedLines   lines kept in {@code bronze._rejected_lines} (not a JSON object), one more
 *                        for each object that could not be read at all
 * @param bytes           object bytes read
 * @param upToDate        objects skipped because the manifest already holds them unchanged
 * @param skippedKeys     keys under {@code bronze/} that are not loadable bronze keys (never read)
 * @param duration        wall time of the load
 */
public record LoadResult(int objects, int replacedObjects, long rows, long rejectedLines, long bytes, int upToDate,
        int skippedKeys, Duration duration) {

    /** True when nothing was left to do. */
    public boolean isEmpty() {
        return objects == 0;
    }
}
