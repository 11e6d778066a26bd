package io.playstream.generate;

/**
 * When the simulator sends its next event. Each call is one send slot: a duplicate takes a slot of
 * its own (it is sent again later), a late event's timestamp lies before its slot.
 */
interface EventClock {

    /** The next send time in microseconds since the epoch; never before the previous one. */
    long nextMicros();

    /** The UTC hour of day (0-23) of a time in epoch microseconds. */
    static int utcHour(long epochMicros) {
        return (int) (Math.floorMod(epochMicros, 86_400_000_000L) / 3_600_000_000L);
    }

    /** The clock of this config: real time when it has no range, simulated time when it has. */
    static EventClock of(SimulatorConfig config, ListenerPicker rhythm, long seed) {
        if (config.simulatedTime()) {
            return new SimulatedClock(config.from(), config.to(), config.events(), rhythm::activity, seed,
                    new Pacer(config.rate()));
        }
        return new RealTimeClock(new Pacer(config.rate()));
    }
}
