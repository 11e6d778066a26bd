package io.playstream.app;

import io.playstream.app.cli.PlaystreamCommand;

/** {@code java -jar playstream.jar}: the command line. */
public final class Playstream {

    private Playstream() {
    }

    public static void main(String[] args) {
        System.exit(PlaystreamCommand.execute(args));
    }
}
