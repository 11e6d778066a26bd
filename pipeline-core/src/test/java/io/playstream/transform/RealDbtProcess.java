package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.testing.ScratchPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real dbt (a comparison test's other side) against a scratch PostgreSQL database; it must succeed. */
final class RealDbtProcess {

    private RealDbtProcess() {
    }

    /** Runs {@code command} (dbt and its arguments) with libpq's environment for {@code database}; its output goes to {@code output}. */
    static void succeed(List<String> command, String database, Path output) throws Exception {
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        process.environment().putAll(ScratchPostgres.libpqEnvironment(database));
        process.environment().put("DBT_SEND_ANONYMOUS_USAGE_STATS", "false");
        Process started = process.start();
        assertThat(started.waitFor(10, TimeUnit.MINUTES) && started.exitValue() == 0).as(Files.readString(output)).isTrue();
    }
}
