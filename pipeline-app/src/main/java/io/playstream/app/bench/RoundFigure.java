package io.playstream.app.bench;

import java.util.Map;

/**
 * One measured round of a stage: our figure, the reference's (null when it could not run), their
 * ratio ours / reference, memory of our side, and extra figures (MB/s, seconds, rows).
 */
public record RoundFigure(int round, double ours, Double reference, Double ratio, long peakHeapBytes, long peakRssBytes,
        long rssBytes, Map<String, Double> details) {

    public RoundFigure {
        if (!(ours > 0)) {
            throw new IllegalArgumentException("a measured figure must be positive, was " + ours);
        }
        details = Map.copyOf(details);
    }

    static RoundFigure of(int round, double ours, Double reference, MemoryProbe.Usage memory, Map<String, Double> details) {
        Double ratio = reference == null || reference <= 0 ? null : ours / reference;
        return new RoundFigure(round, ours, reference, ratio, memory.peakHeapBytes(), memory.peakRssBytes(),
                memory.rssBytes(), details);
    }
}
