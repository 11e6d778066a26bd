package io.playstream.app.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PlaystreamCommand.class.getPackage().getImplementationVersion();
        return new String[] {"playstream " + (version == null ? "development" : version)};
    }
}
