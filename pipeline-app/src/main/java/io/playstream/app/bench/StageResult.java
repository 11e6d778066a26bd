package io.playstream.app.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A stage's rounds. {@code unit} is the unit of both figures; a ratio is always ours / reference,
 * so for throughputs above 1 is faster than the reference, and for the transform row (ours = the
 * incremental run, reference = the full build) below 1 is cheaper.
 *
 * @param note why the reference is missing, or null
 */
public record StageResult(String stage, String unit, String ours, String reference, List<RoundFigure> rounds, String note) {

    public StageResult {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("stage " + stage + " has no rounds");
        }
    }

    /** Median, min and max of one figure over the rounds that have it, or null when none has. */
    public Spread spread(ToDoubleFunction<RoundFigure> figure) {
        double[] values = rounds.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return null;
        }
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Spread(median, values[0], values[n - 1]);
    }

    /** The largest of one memory figure over the rounds. */
    public long max(ToDoubleFunction<RoundFigure> figure) {
        return (long) Arrays.stream(rounds.stream().mapToDouble(figure).toArray()).max().orElse(-1);
    }

    /** A median with its range. */
    public record Spread(double median, double min, double max) {
    }
}
