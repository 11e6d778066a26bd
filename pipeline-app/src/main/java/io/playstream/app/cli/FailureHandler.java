package io.playstream.app.cli;

import io.playstream.PlaystreamException;
import picocli.CommandLine;

/**
 * Turns a failure inside a command into one clear line on stderr and exit status 1. Bad option
 * values found while running (e.g. a malformed URI) count as usage errors: status 2.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (e instanceof IllegalArgumentException) {
            cli.getErr().println(cli.getColorScheme().errorText("playstream: " + e.getMessage()));
            cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        }
        String kind = e instanceof PlaystreamException p && p.isRetriable() ? " (may pass if retried)" : "";
        cli.getErr().println(cli.getColorScheme().errorText("playstream: " + e.getMessage() + kind));
        return FAILURE;
    }
}
