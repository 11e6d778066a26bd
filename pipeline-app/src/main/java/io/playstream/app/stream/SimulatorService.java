package io.playstream.app.stream;

import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.stream.EventPublisher;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.PublishSummary;
import io.playstream.stream.PublisherConfig;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Simulated listeners publishing to Kafka in real time, until closed ({@code run --simulate RATE}). */
public final class SimulatorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorService.class);

    private final Thread thread;
    private volatile boolean running = true;

    private SimulatorService(KafkaSettings kafka, PublisherConfig publisher, SimulatorConfig simulator) {
        this.thread = new Thread(() -> publish(kafka, publisher, simulator), "simulator");
    }

    /** Starts publishing {@code eventsPerSecond} events a second, with event time = now. */
    public static SimulatorService start(KafkaSettings kafka, PublisherConfig publisher, int eventsPerSecond) {
        SimulatorConfig simulator = SimulatorConfig.builder()
                .events(SimulatorConfig.UNBOUNDED)
                .rate(eventsPerSecond)
                .seed(System.nanoTime())
                .build();
        SimulatorService service = new SimulatorService(kafka, publisher, simulator);
        service.thread.start();
        return service;
    }

    private void publish(KafkaSettings kafka, PublisherConfig config, SimulatorConfig simulator) {
        Iterator<ListeningEvent> events = ListenerSimulator.create(simulator).iterator();
        try (EventPublisher publisher = new EventPublisher(kafka, config)) {
            PublishSummary summary = publisher.publish(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return running && events.hasNext();
                }

                @Override
                public ListeningEvent next() {
                    return events.next();
                }
            });
            LOG.info("Simulator(sent={}, failed={}) stopped", summary.sent(), summary.failed());
        } catch (RuntimeException e) {
            LOG.error("Simulator stopped: {}", e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
