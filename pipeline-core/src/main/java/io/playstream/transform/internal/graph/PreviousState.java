package io.playstream.transform.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.PlaystreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * dbt's {@code --state DIR}: the artifacts of an earlier invocation (manifest.json,
 * run_results.json, sources.json) that {@code state:}, {@code result:} and
 * {@code source_status:} compare with, plus the current sources.json from the target folder.
 * Each file is read when a method needs it; a missing one is an error naming it.
 */
public final class PreviousState {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final PreviousState NONE = new PreviousState(null, null);

    private final Path stateDir;
    private final Path targetDir;

    /**
     * @param stateDir the folder given as {@code --state}, or null when there is none
     * @param targetDir this project's target folder (where the current sources.json is)
     */
    public PreviousState(Path stateDir, Path targetDir) {
        if (stateDir != null && !Files.isDirectory(stateDir)) {
            throw PlaystreamException.permanent("--state " + stateDir + " is not a folder (it should hold an earlier run's manifest.json)");
        }
        this.stateDir = stateDir;
        this.targetDir = targetDir;
    }

    JsonNode manifest(String method) {
        return read(earlier("manifest.json", method));
    }

    JsonNode runResults(String method) {
        return read(earlier("run_results.json", method));
    }

    JsonNode sources(String method) {
        return read(earlier("sources.json", method));
    }

    /** This project's latest {@code transform --freshness} result. */
    JsonNode currentSources(String method) {
        Path file = targetDir == null ? null : targetDir.resolve("sources.json");
        if (file == null || !Files.isRegularFile(file)) {
            throw PlaystreamException.permanent("'" + method + "' compares with the current sources.json, and there is none in "
                    + targetDir + ": run transform --freshness first");
        }
        return read(file);
    }

    private Path earlier(String name, String method) {
        if (stateDir == null) {
            throw PlaystreamException.permanent("'" + method + "' needs --state DIR: the target folder of an earlier run, holding its " + name);
        }
        Path file = stateDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw PlaystreamException.permanent("'" + method + "' needs " + name + " in --state " + stateDir + ", and there is none");
        }
        return file;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
