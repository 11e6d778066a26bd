package io.playstream.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The Maven project version, written into {@code version.properties} by the build's resource
 * filtering, so it is the same whether the app runs from the jar or from {@code target/classes}.
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/io/playstream/app/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"playstream " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                // classes compiled without Maven (an IDE's own build): no filtered resource
                return "unknown (built without Maven)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
