package io.playstream.app.progress;

import io.playstream.stream.PublishListener;
import java.util.Locale;

/** A bar over the events the broker has acknowledged, with events/s; failures are named after the bar. */
public final class PublishProgress implements PublishListener, AutoCloseable {

    private final Bar bar;

    /** @param expected events to publish, -1 when the stream has no end */
    public PublishProgress(ConsoleProgress console, String task, long expected) {
        this.bar = console.bar(task, expected, " events");
    }

    @Override
    public void delivered(long sent, long failed) {
        bar.stepTo(sent + failed);
        if (failed > 0) {
            bar.say(String.format(Locale.ROOT, "%,d not delivered", failed));
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
