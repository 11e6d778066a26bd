package io.playstream.app.cli;

import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code playstream} command. Exit status as CONTRACTS.md §6 fixes it: 0 success,
 * 1 failure, 2 usage error (picocli's default for a bad option).
 */
@Command(name = "playstream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Streaming analytics for music-streaming events: Kafka -> bronze files -> warehouse -> dbt gold.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            GenerateCommand.class,
            BrokerCommand.class,
            SinkCommand.class,
            LoadCommand.class,
            ReplayCommand.class,
            TransformCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PlaystreamCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Runs the command line and returns the exit status. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with Playstream's error handling, for tests that capture its output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PlaystreamCommand());
        FailureHandler failures = new FailureHandler();
        cli.setExecutionExceptionHandler(failures);
        cli.setParameterExceptionHandler(failures);
        // after the subcommands exist: picocli hands the converter down to each of them
        cli.registerConverter(Instant.class, new TimeOption());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // the store URI forms are long: on a wide terminal the help keeps each on one line
        cli.setUsageHelpAutoWidth(true);
        return cli;
    }
}
