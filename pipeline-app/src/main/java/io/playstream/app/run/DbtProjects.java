package io.playstream.app.run;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the dbt project to run: {@code ./dbt} when the app runs inside a checkout (so edits to the
 * project take effect at once), otherwise the copy bundled in the jar, unpacked into the data folder.
 * The jar carries it so {@code java -jar playstream.jar demo} works from any folder.
 */
public final class DbtProjects {

    /** Where the build puts the repository's {@code dbt/} folder inside the jar. */
    static final String BUNDLED = "playstream-dbt";
    private static final String PROJECT_FILE = "dbt_project.yml";

    private DbtProjects() {
    }

    /**
     * Where the app's own runs (demo, run) write run_results.json and manifest.json: under the data
     * folder, so running the app inside a checkout never writes into the source tree's {@code dbt/}.
     * {@code playstream transform} writes to the project's {@code target/}, as dbt does.
     */
    public static Path targetDir(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("dbt-target");
    }

    /** The project folder: {@code workingDir/dbt} if it holds a project, else the bundled one unpacked under {@code dataDir}. */
    public static Path locate(Path workingDir, Path dataDir) {
        Path local = workingDir.resolve("dbt");
        if (Files.isRegularFile(local.resolve(PROJECT_FILE))) {
            return local.toAbsolutePath();
        }
        return unpackBundled(dataDir.resolve("dbt"));
    }

    static Path unpackBundled(Path target) {
        URL marker = DbtProjects.class.getClassLoader().getResource(BUNDLED + "/" + PROJECT_FILE);
        if (marker == null) {
            throw PlaystreamException.permanent("no dbt project: neither ./dbt nor a bundled project in the jar");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = openJar(uri)) {
                    copyTree(jar.getPath("/" + BUNDLED), target);
                }
            } else {
                copyTree(Path.of(uri).getParent(), target);
            }
            return target.toAbsolutePath();
        } catch (IOException | URISyntaxException e) {
            throw PlaystreamException.permanent("cannot unpack the bundled dbt project to " + target + ": " + e, e);
        }
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            FileSystems.getFileSystem(uri);
            throw new IOException("the jar file system is already open: " + uri);
        } catch (FileSystemNotFoundException expected) {
            return FileSystems.newFileSystem(uri, Map.of());
        }
    }

    /** Copies every file, replacing older copies: the jar's project is the truth for a bundled run. */
    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
