package io.playstream.generate;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Spreads a known number of events over a simulated range, denser in the busy hours of the week:
 * the range is cut at every UTC hour, each piece weighted by its length times the listeners'
 * activity in that hour of the week (Monday 00:00 UTC is hour 0), and the n-th event falls at
 * (n + a random fraction) / count of the total weight. So exactly {@code count} events fall inside
 * the range, in time order, without gaps. Sent as fast as possible unless a rate is set.
 */
final class SimulatedClock implements EventClock {

    private static final long MICROS_PER_HOUR = 3_600_000_000L;

    private final long[] pieceStart;
    private final double[] weightBefore;
    private final double[] weightPerMicro;
    private final double totalWeight;
    private final long count;
    private final SplittableRandom random;
    private final Pacer pacer;
    private long issued;
    private int piece;
    private long last = Long.MIN_VALUE;

    SimulatedClock(Instant from, Instant to, long count, IntToDoubleFunction activityByUtcHourOfWeek, long seed) {
        this(from, to, count, activityByUtcHourOfWeek, seed, new Pacer(0));
    }

    /** A clock whose events are also sent no faster than {@code pacer} allows (a slowed-down replay of time). */
    SimulatedClock(Instant from, Instant to, long count, IntToDoubleFunction activityByUtcHourOfWeek, long seed,
            Pacer pacer) {
        this.pacer = pacer;
        long start = micros(from);
        long end = micros(to);
        int pieces = (int) Math.min(Integer.MAX_VALUE - 1,
                Math.floorDiv(end - 1, MICROS_PER_HOUR) - Math.floorDiv(start, MICROS_PER_HOUR) + 1);
        pieceStart = new long[pieces + 1];
        weightBefore = new double[pieces + 1];
        weightPerMicro = new double[pieces];
        long at = start;
        double total = 0;
        for (int i = 0; i < pieces; i++) {
            long pieceEnd = Math.min(end, (Math.floorDiv(at, MICROS_PER_HOUR) + 1) * MICROS_PER_HOUR);
            pieceStart[i] = at;
            weightBefore[i] = total;
            // never 0, or an hour nobody listens in could not be crossed
            weightPerMicro[i] = Math.max(1e-6, activityByUtcHourOfWeek.applyAsDouble(DailyRhythm.utcHourOfWeek(at)));
            total += weightPerMicro[i] * (pieceEnd - at);
            at = pieceEnd;
        }
        pieceStart[pieces] = end;
        weightBefore[pieces] = total;
        this.totalWeight = total;
        this.count = count;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public long nextMicros() {
        pacer.awaitNext();
        double target = Math.min(count, issued++ + random.nextDouble()) / count * totalWeight;
        while (piece < weightPerMicro.length - 1 && weightBefore[piece + 1] <= target) {
            piece++;
        }
        long offset = (long) ((target - weightBefore[piece]) / weightPerMicro[piece]);
        long micros = Math.min(pieceStart[piece + 1] - 1, pieceStart[piece] + offset);
        last = Math.max(last, micros);
        return last;
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
