package io.playstream.generate;

import java.time.Instant;

/** Events happen now, no faster than the pacer allows. */
final class RealTimeClock implements EventClock {

    private final Pacer pacer;
    private long last = Long.MIN_VALUE;

    RealTimeClock(Pacer pacer) {
        this.pacer = pacer;
    }

    @Override
    public long nextMicros() {
        pacer.awaitNext();
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        // the wall clock may step back (NTP); send times must not
        last = Math.max(last, micros);
        return last;
    }
}
