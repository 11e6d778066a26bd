package io.playstream.transform.internal.execute;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * State-aware builds, after dbt Fusion's state-aware orchestration: a node whose compiled code and
 * input versions equal those recorded at its last successful build is reused instead of built.
 * The state is recorded on every run (also when reuse is off), so a later state-aware run never
 * trusts a version that a run without state left behind.
 */
final class BuildState {

    private final ModelStateTable table;
    private final Map<String, NodeState> states;
    private final boolean reuse;
    private final String runVersion;
    /** Output versions before this run's build of a model, to keep when the build changed nothing. */
    private final Map<String, String> before = new HashMap<>();
    /** States recorded in memory and not yet in the table: the next write or {@link #flush()} writes them. */
    private final Map<String, NodeState> unwritten = new LinkedHashMap<>();

    /**
     * @param reuse whether unchanged nodes are reused (false: every node is built, as without state)
     * @param runVersion this run's output version: unique per run
     */
    BuildState(ModelStateTable table, boolean reuse, String runVersion) {
        this.table = table;
        this.states = table.read();
        this.reuse = reuse;
        this.runVersion = runVersion;
    }

    /** A model's output version, {@link InputVersions#UNKNOWN} when never recorded. */
    String outputVersion(String modelId) {
        NodeState state = states.get(modelId);
        return state == null || state.outputVersion() == null ? InputVersions.UNKNOWN : state.outputVersion();
    }

    /** Whether the node can be reused: same code, every input known and at the version it last read. */
    boolean reusable(String nodeId, String checksum, Map<String, String> inputs) {
        NodeState state = states.get(nodeId);
        return reuse && state != null && checksum.equals(state.checksum()) && state.inputs().equals(inputs)
                && !inputs.containsValue(InputVersions.UNKNOWN);
    }

    /**
     * Called before a model's build: its output version changes now, with no inputs recorded, so a
     * build that fails or dies half way leaves the model and everything reading it to be built again.
     */
    void building(String modelId) {
        before.put(modelId, states.containsKey(modelId) ? states.get(modelId).outputVersion() : null);
        record(modelId, new NodeState(null, Map.of(), runVersion));
    }

    /**
     * Records a model's successful build; its output version stays when the build changed no rows.
     * Written with the next model's start, or at {@link #flush()}: a run that dies in between leaves
     * the model marked as building, so the next run builds it again (the safe side), and a build
     * costs one transaction of the state table, not two (on DuckDB a commit syncs the log).
     */
    void built(String modelId, String checksum, Map<String, String> inputs, boolean rowsChanged) {
        String previous = before.get(modelId);
        remember(modelId, new NodeState(checksum, inputs, rowsChanged || previous == null ? runVersion : previous));
    }

    /**
     * Records a test that passed on these inputs, written with the next write or at {@link #flush()}:
     * a run that dies before loses only the chance to reuse them.
     */
    void passed(String testId, String checksum, Map<String, String> inputs) {
        remember(testId, new NodeState(checksum, inputs, null));
    }

    /** Writes the states recorded since the last write. */
    void flush() {
        if (!unwritten.isEmpty()) {
            table.write(unwritten);
            unwritten.clear();
        }
    }

    /** Writes the node's state now, with those waiting. */
    private void record(String nodeId, NodeState state) {
        remember(nodeId, state);
        flush();
    }

    private void remember(String nodeId, NodeState state) {
        unwritten.put(nodeId, state);
        states.put(nodeId, state);
    }

    /** The SHA-256 of the parts (compiled SQL, config), in hex. */
    static String checksum(List<Object> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                digest.update(canonical(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Maps with sorted keys, at any depth: a config's map order must not change its checksum. */
    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BuildState::canonical).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
