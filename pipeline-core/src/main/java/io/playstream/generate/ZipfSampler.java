package io.playstream.generate;

import java.util.SplittableRandom;

/**
 * Popularity ranks following Zipf's law: rank {@code k} (0-based) is drawn with weight
 * {@code 1 / (k + 1)^exponent}, the shape of real play counts (a few hits, a long tail).
 */
final class ZipfSampler {

    /** Exponent 1: the top song plays about ten times as often as the tenth. */
    static final double DEFAULT_EXPONENT = 1.0;

    private final AliasTable table;
    private final double[] shares;

    ZipfSampler(int ranks, double exponent) {
        if (ranks < 1) {
            throw new IllegalArgumentException("ranks must be >= 1, was " + ranks);
        }
        if (!(exponent > 0)) {
            throw new IllegalArgumentException("exponent must be > 0, was " + exponent);
        }
        double[] weights = new double[ranks];
        double total = 0;
        for (int k = 0; k < ranks; k++) {
            weights[k] = 1 / Math.pow(k + 1, exponent);
            total += weights[k];
        }
        shares = new double[ranks];
        for (int k = 0; k < ranks; k++) {
            shares[k] = weights[k] / total;
        }
        table = new AliasTable(weights);
    }

    /** A 0-based rank. */
    int sample(SplittableRandom random) {
        return table.sample(random);
    }

    /** The expected share of draws that give {@code rank}. */
    double share(int rank) {
        return shares[rank];
    }
}
