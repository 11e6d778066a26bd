package io.playstream.app.stream;

import io.playstream.objectstore.ObjectStore;
import io.playstream.stream.BronzeSink;
import io.playstream.stream.GroupMembership;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.NoticeSink;
import io.playstream.stream.SinkConfig;
import io.playstream.stream.SinkMetricsSnapshot;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bronze sink on a thread of its own. Closing it asks the sink to flush, commit and leave its
 * group, then waits for the thread, so no batch is cut off by shutdown.
 */
public final class SinkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

    private final BronzeSink sink;
    private final GroupMembership membership;
    private final NoticeSink notices;
    private final Thread thread;

    private SinkService(BronzeSink sink, GroupMembership membership, NoticeSink notices) {
        this.sink = sink;
        this.membership = membership;
        this.notices = notices;
        this.thread = new Thread(this::runSink, "bronze-sink");
    }

    public static SinkService start(KafkaSettings kafka, SinkConfig config, ObjectStore store) {
        return start(kafka, config, store, NoticeSink.NONE);
    }

    /** A sink that announces its flushes to {@code notices}, which it closes when it stops. */
    public static SinkService start(KafkaSettings kafka, SinkConfig config, ObjectStore store, NoticeSink notices) {
        SinkService service = new SinkService(new BronzeSink(kafka, config, store, notices), config.membership(), notices);
        service.thread.start();
        return service;
    }

    private void runSink() {
        try {
            sink.run();
        } catch (FencedInstanceIdException e) {
            LOG.error("Sink stopped: {}", SinkMemberId.fencedReason(membership));
        } catch (RuntimeException e) {
            LOG.error("Sink stopped: {}", e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    public SinkMetricsSnapshot metrics() {
        return sink.metrics();
    }

    @Override
    public void close() {
        sink.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            notices.close();
        }
    }
}
