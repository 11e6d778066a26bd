package io.playstream.stream;

/**
 * Where a sink announces what it stored ({@link BronzeNotice}). {@link #publish} is called on the
 * poll thread before a flush's offsets are committed; a retriable {@link io.playstream.PlaystreamException}
 * fails that flush, which is then written and announced again, so no committed flush goes unannounced.
 */
public interface NoticeSink extends AutoCloseable {

    NoticeSink NONE = notice -> {
    };

    void publish(BronzeNotice notice);

    /** A heartbeat: only watermarks; losing one is harmless, so it need not wait for the broker. */
    default void publishHeartbeat(BronzeNotice notice) {
        publish(notice);
    }

    @Override
    default void close() {
    }
}
