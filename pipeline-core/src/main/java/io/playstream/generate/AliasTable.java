package io.playstream.generate;

import java.util.SplittableRandom;

/**
 * Draws an index with probability proportional to its weight in constant time (Vose's alias
 * method): one table look-up per draw instead of a binary search, because the simulator draws a
 * song for every track.
 */
final class AliasTable {

    private final double[] probability;
    private final int[] alias;

    /** A table over {@code weights} (non-negative, at least one positive). */
    AliasTable(double[] weights) {
        int n = weights.length;
        double total = 0;
        for (double weight : weights) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, found " + weight);
            }
            total += weight;
        }
        if (n == 0 || total <= 0) {
            throw new IllegalArgumentException("weights must have at least one positive value");
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int less = small[--smallCount];
            int more = large[--largeCount];
            probability[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            if (scaled[more] < 1) {
                small[smallCount++] = more;
            } else {
                large[largeCount++] = more;
            }
        }
        // what is left is 1 up to rounding
        while (largeCount > 0) {
            probability[large[--largeCount]] = 1;
        }
        while (smallCount > 0) {
            probability[small[--smallCount]] = 1;
        }
    }

    /** An index drawn by weight. */
    int sample(SplittableRandom random) {
        int column = random.nextInt(probability.length);
        return random.nextDouble() < probability[column] ? column : alias[column];
    }

    int size() {
        return probability.length;
    }
}
