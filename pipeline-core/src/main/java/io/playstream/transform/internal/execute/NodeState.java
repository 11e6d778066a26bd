package io.playstream.transform.internal.execute;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the runner recorded for a node at its last successful build (a model) or pass (a test).
 *
 * @param checksum the SHA-256 of the node's compiled SQL and config, so an edited node is built again
 * @param inputs what the node read, by unique id, at the version it read: a source's
 *               {@link InputVersions#ofSource load stamp and row count}, a model's output version
 * @param outputVersion a model's output version: a token that changes whenever a build may have
 *                      changed its rows (null for tests)
 */
record NodeState(String checksum, Map<String, String> inputs, String outputVersion) {

    NodeState {
        inputs = new TreeMap<>(Objects.requireNonNull(inputs, "inputs"));
    }

    /** The inputs as one text, one {@code id=version} line each in id order (ids never hold {@code =}). */
    String inputsText() {
        StringBuilder text = new StringBuilder();
        inputs.forEach((id, version) -> text.append(text.length() == 0 ? "" : "\n").append(id).append('=').append(version));
        return text.toString();
    }

    static Map<String, String> parseInputs(String text) {
        Map<String, String> inputs = new TreeMap<>();
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                inputs.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return inputs;
    }
}
