package io.playstream.app.cli;

import io.playstream.Failures;
import io.playstream.PlaystreamException;
import picocli.CommandLine;

/**
 * How every command answers a mistake, in one place. A usage error (a bad or missing option, found
 * while parsing or while running, e.g. a malformed URI) is one line naming the option, picocli's
 * "did you mean" when it has one, then where to find help: status 2, never the whole usage text. A
 * failure inside a command is one clear line: status 1.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        say(cli, e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr());
        tryHelp(cli);
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (e instanceof IllegalArgumentException) {
            say(cli, e.getMessage());
            tryHelp(cli);
            return USAGE;
        }
        PlaystreamException.Kind kind = Failures.classify(e);
        say(cli, kind == PlaystreamException.Kind.TRANSIENT ? e.getMessage() + " (may pass if retried)"
                : Failures.message(kind, String.valueOf(e.getMessage())));
        return FAILURE;
    }

    private static void say(CommandLine cli, String message) {
        cli.getErr().println(cli.getColorScheme().errorText(cli.getCommandSpec().qualifiedName() + ": " + message));
    }

    private static void tryHelp(CommandLine cli) {
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        cli.getErr().flush();
    }
}
