package io.playstream.transform.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.PlaystreamException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * dbt's {@code state:} method: each node compared with its namesake in an earlier manifest, the
 * way dbt compares them (dbt/contracts/graph/nodes.py, {@code same_*}): code, the config that
 * changes results, the relation it is written to, its fqn, and the project macros it calls.
 */
final class StateComparison {

    static final List<String> CHECKS = List.of("new", "old", "modified", "unmodified", "modified.body", "modified.configs",
            "modified.persisted_descriptions", "modified.relation", "modified.macros", "modified.contract");

    /** Config keys dbt leaves out of the config comparison (they belong to the relation, or are metadata). */
    private static final Set<String> NOT_CONFIG = Set.of("alias", "schema", "database", "tags", "group", "docs");
    /** The only config keys that make a data test a different test. */
    private static final List<String> TEST_MODIFIERS = List.of("severity", "where", "limit", "fail_calc", "warn_if",
            "error_if", "store_failures", "store_failures_as");

    private final JsonNode current;
    private final JsonNode previous;
    private Set<String> modifiedMacros;

    StateComparison(JsonNode current, JsonNode previous) {
        this.current = current;
        this.previous = previous;
    }

    boolean matches(String check, String id, JsonNode node) {
        JsonNode old = find(previous, id);
        return switch (check) {
            case "new" -> old == null;
            case "old" -> old != null;
            case "modified" -> modified(node, old);
            case "unmodified" -> !modified(node, old);
            case "modified.body" -> old == null || !sameBody(node, old);
            case "modified.configs" -> old == null || !sameConfig(node, old);
            case "modified.persisted_descriptions" -> old == null || !samePersistedDescriptions(node, old);
            case "modified.relation" -> old == null || !sameRelation(node, old);
            case "modified.macros" -> macrosModified(node);
            case "modified.contract" -> old == null && !"source".equals(type(node)) && !"exposure".equals(type(node));
            default -> throw PlaystreamException.permanent("Invalid selector 'state:" + check + "': expected one of " + CHECKS);
        };
    }

    private boolean modified(JsonNode node, JsonNode old) {
        String type = type(node);
        boolean different;
        if (type.equals("source")) {
            different = old != null && !(sameRelation(node, old) && same(node, old, "fqn", "quoting", "freshness",
                    "loaded_at_field", "external") && sameConfig(node, old));
        } else if (type.equals("exposure")) {
            different = old != null && !(same(node, old, "fqn", "type", "owner", "maturity", "url", "label", "description")
                    && sameSet(node.path("depends_on").path("nodes"), old.path("depends_on").path("nodes")) && sameConfig(node, old));
        } else if (old == null) {
            different = true;
        } else if (node.has("test_metadata")) {
            different = !(sameConfig(node, old) && same(node, old, "fqn"));
        } else {
            different = !(sameBody(node, old) && sameConfig(node, old) && samePersistedDescriptions(node, old)
                    && same(node, old, "fqn") && sameRelation(node, old) && same(node, old, "access", "latest_version", "deprecation_date"));
        }
        return different || macrosModified(node);
    }

    private static boolean sameBody(JsonNode node, JsonNode old) {
        return same(node, old, "raw_code");
    }

    private static boolean sameConfig(JsonNode node, JsonNode old) {
        JsonNode mine = node.path("unrendered_config");
        JsonNode theirs = old.path("unrendered_config");
        Set<String> keys = new TreeSet<>();
        if ("test".equals(type(node))) {
            keys.addAll(TEST_MODIFIERS);
        } else {
            mine.fieldNames().forEachRemaining(keys::add);
            theirs.fieldNames().forEachRemaining(keys::add);
            keys.removeAll(NOT_CONFIG);
        }
        return keys.stream().allMatch(k -> mine.path(k).equals(theirs.path(k)));
    }

    /** Descriptions count only when {@code persist_docs} writes them to the warehouse. */
    private static boolean samePersistedDescriptions(JsonNode node, JsonNode old) {
        JsonNode persist = node.path("config").path("persist_docs");
        if (persist.path("relation").asBoolean(false) && !same(node, old, "description")) {
            return false;
        }
        if (persist.path("columns").asBoolean(false)) {
            List<String> mine = new ArrayList<>();
            List<String> theirs = new ArrayList<>();
            node.path("columns").fields().forEachRemaining(e -> mine.add(e.getKey() + "=" + e.getValue().path("description").asText()));
            old.path("columns").fields().forEachRemaining(e -> theirs.add(e.getKey() + "=" + e.getValue().path("description").asText()));
            return new HashSet<>(mine).equals(new HashSet<>(theirs));
        }
        return true;
    }

    /** The configured database, schema and alias, not the rendered ones (a target's own schema is no change). */
    private static boolean sameRelation(JsonNode node, JsonNode old) {
        if ("source".equals(type(node))) {
            // selection reads the manifest before connecting, so the current side may not know the
            // database yet: it counts when both name one
            String mine = node.path("database").asText("");
            String theirs = old.path("database").asText("");
            return (mine.isEmpty() || theirs.isEmpty() || mine.equals(theirs)) && same(node, old, "schema", "identifier");
        }
        return List.of("database", "schema", "alias").stream()
                .allMatch(k -> node.path("unrendered_config").path(k).equals(old.path("unrendered_config").path(k)));
    }

    /** A node whose project macros (or the macros they call) changed, were added or removed. */
    private boolean macrosModified(JsonNode node) {
        if (modifiedMacros == null) {
            modifiedMacros = new HashSet<>();
            JsonNode now = current.path("macros");
            JsonNode before = previous.path("macros");
            now.fields().forEachRemaining(e -> {
                if (!e.getValue().path("macro_sql").equals(before.path(e.getKey()).path("macro_sql"))) {
                    modifiedMacros.add(e.getKey());
                }
            });
            before.fieldNames().forEachRemaining(id -> {
                if (!now.has(id)) {
                    modifiedMacros.add(id);
                }
            });
        }
        return !modifiedMacros.isEmpty() && callsModified(node, new HashSet<>());
    }

    private boolean callsModified(JsonNode node, Set<String> visited) {
        for (JsonNode macro : node.path("depends_on").path("macros")) {
            String id = macro.asText();
            if (!visited.add(id)) {
                continue;
            }
            if (modifiedMacros.contains(id) || callsModified(current.path("macros").path(id), visited)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode find(JsonNode manifest, String id) {
        for (String kind : List.of("nodes", "sources", "exposures", "unit_tests")) {
            JsonNode node = manifest.path(kind).get(id);
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    private static boolean same(JsonNode node, JsonNode old, String... keys) {
        for (String key : keys) {
            if (!node.path(key).equals(old.path(key))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameSet(JsonNode a, JsonNode b) {
        Set<String> left = new HashSet<>();
        Set<String> right = new HashSet<>();
        a.forEach(n -> left.add(n.asText()));
        b.forEach(n -> right.add(n.asText()));
        return left.equals(right);
    }

    private static String type(JsonNode node) {
        return node.path("resource_type").asText();
    }
}
