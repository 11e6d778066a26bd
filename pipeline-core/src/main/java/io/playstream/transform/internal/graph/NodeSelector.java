package io.playstream.transform.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.PlaystreamException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * dbt's node selection over a manifest: {@code --select} and {@code --exclude} as dbt reads them
 * (terms separated by spaces are united, parts joined by commas intersected, each with the graph
 * operators {@code @}, {@code n+}, {@code +n}), with dbt's eager indirect selection (a test is
 * selected with any node it reads). An unknown method fails before anything runs.
 */
public final class NodeSelector {

    /** What {@code resource_type:} and {@code --resource-type} accept (dbt's NodeType). */
    public static final Set<String> RESOURCE_TYPES = Set.of("model", "analysis", "test", "snapshot", "operation", "seed",
            "rpc", "sql_operation", "doc", "source", "macro", "exposure", "metric", "group", "saved_query",
            "semantic_model", "unit_test", "fixture", "function");

    private final ManifestGraph graph;
    private final PreviousState state;
    private final YamlSelectors yamlSelectors;
    private final Consumer<String> warnings;
    private final Map<String, StateComparison> comparisons = new HashMap<>();

    /**
     * @param warnings told of a state-comparing term that matches nothing (dbt warns of those too)
     */
    public NodeSelector(ManifestGraph graph, PreviousState state, Consumer<String> warnings) {
        this(graph, state, YamlSelectors.none(), warnings);
    }

    /** @param yamlSelectors the project's selectors.yml, for {@code selector:} and its {@code default: true} */
    public NodeSelector(ManifestGraph graph, PreviousState state, YamlSelectors yamlSelectors, Consumer<String> warnings) {
        this.graph = graph;
        this.state = state;
        this.yamlSelectors = yamlSelectors;
        this.warnings = warnings;
    }

    public ManifestGraph graph() {
        return graph;
    }

    /**
     * The unique ids selected, sorted.
     *
     * @param select dbt's {@code --select} (blank: every node)
     * @param exclude dbt's {@code --exclude} (blank: none)
     * @param resourceTypes only nodes of these types (empty: all)
     */
    public Set<String> select(String select, String exclude, Collection<String> resourceTypes) {
        resourceTypes.forEach(NodeSelector::checkResourceType);
        Set<String> selected;
        if (blank(select) && blank(exclude) && yamlSelectors.defaultName().isPresent()) {
            // dbt: without --select and --exclude, the selector with `default: true` decides
            warnings.accept("Using default selector " + yamlSelectors.defaultName().get());
            selected = new TreeSet<>(yamlSelectors.select(yamlSelectors.defaultName().get(), this));
        } else {
            selected = blank(select) ? new TreeSet<>(graph.ids()) : union(select, true);
        }
        if (!blank(exclude)) {
            selected.removeAll(union(exclude, false));
        }
        selected.removeIf(id -> !resourceTypes.isEmpty() && !resourceTypes.contains(graph.resourceType(id)));
        return selected;
    }

    private Set<String> union(String expression, boolean mustMatch) {
        Set<String> all = new TreeSet<>();
        for (String term : expression.trim().split("\\s+")) {
            Set<String> selected = null;
            for (String part : term.split(",", -1)) {
                Set<String> matched = criterion(SelectionCriterion.parse(part), mustMatch);
                if (selected == null) {
                    selected = matched;
                } else {
                    selected.retainAll(matched);
                }
            }
            all.addAll(selected);
        }
        return all;
    }

    /** One criterion with its graph operators and the tests of what it picks; {@code mustMatch}: matching nothing is an error. */
    Set<String> criterion(SelectionCriterion criterion, boolean mustMatch) {
        Set<String> collected = search(criterion);
        if (collected.isEmpty() && mustMatch) {
            if (!criterion.method().comparesState()) {
                throw PlaystreamException.permanent("The selection criterion '" + criterion.raw()
                        + "' does not match any enabled model, test, source or exposure");
            }
            warnings.accept("The selection criterion '" + criterion.raw() + "' does not match any enabled nodes");
        }
        Set<String> selected = new TreeSet<>(collected);
        if (criterion.childrensParents()) {
            selected.addAll(graph.childrensParents(collected));
        }
        if (criterion.parents()) {
            selected.addAll(graph.parents(collected, criterion.parentsDepth()));
        }
        if (criterion.children()) {
            selected.addAll(graph.children(collected, criterion.childrenDepth()));
        }
        // eager indirect selection: the tests of every selected node come with it; a YAML selector
        // has taken its own (its excludes may have taken some away again), so only what the graph
        // operators added brings its tests
        List<String> testedHere = new ArrayList<>(selected);
        if (criterion.method() == SelectorMethod.SELECTOR) {
            testedHere.removeAll(collected);
        }
        for (String id : testedHere) {
            graph.childrenOf(id).stream().filter(child -> isTest(graph.resourceType(child))).forEach(selected::add);
        }
        return selected;
    }

    /** Data tests and unit tests both come with the nodes they test (dbt's eager indirect selection). */
    private static boolean isTest(String resourceType) {
        return resourceType.equals("test") || resourceType.equals("unit_test");
    }

    private Set<String> search(SelectionCriterion c) {
        String value = c.value();
        return switch (c.method()) {
            case FQN -> where(id -> !isSource(id) && fqnMatches(graph.node(id).path("fqn"), value));
            case TAG -> where(id -> strings(graph.node(id).path("tags")).stream().anyMatch(t -> Glob.matches(t, value)));
            case GROUP -> where(id -> inNodes(id) && Glob.matches(graph.node(id).path("config").path("group").asText(""), value)
                    && graph.node(id).path("config").hasNonNull("group"));
            case ACCESS -> where(id -> type(id).equals("model") && graph.node(id).path("access").asText().equals(value));
            case SOURCE -> sources(value);
            case EXPOSURE -> exposures(value);
            case PATH -> paths(value);
            case FILE -> where(id -> {
                Path file = Path.of(graph.node(id).path("original_file_path").asText()).getFileName();
                String name = file == null ? "" : file.toString();
                return Glob.matches(name, value) || Glob.matches(name.replaceFirst("\\.[^.]*$", ""), value);
            });
            case PACKAGE -> {
                String pkg = value.equals("this") ? graph.manifest().path("metadata").path("project_name").asText() : value;
                yield where(id -> Glob.matches(graph.node(id).path("package_name").asText(), pkg));
            }
            case CONFIG -> where(id -> (inNodes(id) || isSource(id)) && configMatches(graph.node(id).path("config"), c.arguments(), value));
            case TEST_NAME -> where(id -> type(id).equals("test") && graph.node(id).has("test_metadata")
                    && Glob.matches(graph.node(id).path("test_metadata").path("name").asText(), value));
            case TEST_TYPE -> testType(c);
            case RESOURCE_TYPE -> {
                checkResourceType(value);
                yield where(id -> type(id).equals(value));
            }
            case STATE -> {
                if (!StateComparison.CHECKS.contains(value)) {
                    throw SelectionCriterion.invalid(c.raw(), "expected one of " + StateComparison.CHECKS);
                }
                StateComparison comparison = comparisons.computeIfAbsent("state",
                        k -> new StateComparison(graph.manifest(), state.manifest(c.raw())));
                yield where(id -> comparison.matches(value, id, graph.node(id)));
            }
            case RESULT -> {
                Set<String> matching = new TreeSet<>();
                state.runResults(c.raw()).path("results").forEach(r -> {
                    if (r.path("status").asText().equals(value)) {
                        matching.add(r.path("unique_id").asText());
                    }
                });
                yield where(matching::contains);
            }
            case SOURCE_STATUS -> sourceStatus(c);
            case UNIT_TEST -> unitTests(c);
            case SELECTOR -> yamlSelectors.select(value, this);
            default -> throw SelectionCriterion.invalid(c.raw(), "method not implemented");
        };
    }

    private Set<String> testType(SelectionCriterion c) {
        Predicate<String> test = switch (c.value()) {
            case "generic", "schema" -> id -> type(id).equals("test") && graph.node(id).has("test_metadata");
            case "singular" -> id -> type(id).equals("test") && !graph.node(id).has("test_metadata");
            case "data" -> id -> type(id).equals("test");
            case "unit" -> id -> type(id).equals("unit_test");
            default -> throw SelectionCriterion.invalid(c.raw(), "expected \"generic\", \"singular\", \"unit\", or \"data\"");
        };
        return where(test);
    }

    /** dbt's {@code unit_test:NAME} or {@code unit_test:PACKAGE.NAME}, globs allowed. */
    private Set<String> unitTests(SelectionCriterion c) {
        String[] parts = c.value().split("\\.");
        if (parts.length > 2) {
            throw PlaystreamException.permanent("Invalid unit test selector value \"" + c.value()
                    + "\": unit tests are unit_test_name or package_name.unit_test_name");
        }
        String pkg = parts.length == 2 ? parts[0] : "*";
        return where(id -> type(id).equals("unit_test") && Glob.matches(graph.node(id).path("package_name").asText(), pkg)
                && Glob.matches(graph.node(id).path("name").asText(), parts[parts.length - 1]));
    }

    /** Sources whose newest load is newer now than in --state's sources.json (dbt's {@code fresher}). */
    private Set<String> sourceStatus(SelectionCriterion c) {
        if (!c.value().equals("fresher")) {
            throw SelectionCriterion.invalid(c.raw(), "expected \"fresher\"");
        }
        Map<String, String> before = loadedAt(state.sources(c.raw()));
        Map<String, String> now = loadedAt(state.currentSources(c.raw()));
        Set<String> fresher = new TreeSet<>();
        now.forEach((id, loaded) -> {
            String earlier = before.get(id);
            if (loaded != null && (!before.containsKey(id) || earlier != null && java.time.Instant.parse(loaded)
                    .isAfter(java.time.Instant.parse(earlier)))) {
                fresher.add(id);
            }
        });
        return where(fresher::contains);
    }

    /** Each source's newest load, null where freshness could not be measured (dbt leaves those out). */
    private static Map<String, String> loadedAt(JsonNode sources) {
        Map<String, String> loaded = new HashMap<>();
        sources.path("results").forEach(r -> loaded.put(r.path("unique_id").asText(),
                r.hasNonNull("max_loaded_at") ? normalised(r.path("max_loaded_at").asText()) : null));
        return loaded;
    }

    private static String normalised(String timestamp) {
        String t = timestamp.replace(' ', 'T');
        return t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(t).toInstant().toString()
                : java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC).toString();
    }

    private Set<String> sources(String value) {
        String[] parts = value.split("\\.");
        if (parts.length > 3) {
            throw PlaystreamException.permanent("Invalid source selector value \"" + value
                    + "\": sources are source_name, source_name.table_name or package.source_name.table_name");
        }
        String pkg = parts.length == 3 ? parts[0] : "*";
        String source = parts[parts.length == 3 ? 1 : 0];
        String table = parts.length == 1 ? "*" : parts[parts.length - 1];
        return where(id -> isSource(id) && Glob.matches(graph.node(id).path("package_name").asText(), pkg)
                && Glob.matches(graph.node(id).path("source_name").asText(), source)
                && Glob.matches(graph.node(id).path("name").asText(), table));
    }

    private Set<String> exposures(String value) {
        String[] parts = value.split("\\.");
        if (parts.length > 2) {
            throw PlaystreamException.permanent("Invalid exposure selector value \"" + value
                    + "\": exposures are exposure_name or package.exposure_name");
        }
        String pkg = parts.length == 2 ? parts[0] : "*";
        return where(id -> type(id).equals("exposure") && Glob.matches(graph.node(id).path("package_name").asText(), pkg)
                && Glob.matches(graph.node(id).path("name").asText(), parts[parts.length - 1]));
    }

    /** A glob relative to the project root: a node's file, a folder above it, or the YAML file describing it. */
    private Set<String> paths(String value) {
        String glob = value.replaceAll("/+$", "").replaceFirst("^\\./", "");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Predicate<Path> matches = matcher::matches;
        return where(id -> {
            JsonNode node = graph.node(id);
            Path file = Path.of(node.path("original_file_path").asText());
            for (Path p = file; p != null; p = p.getParent()) {
                if (matches.test(p)) {
                    return true;
                }
            }
            String patch = node.path("patch_path").asText("");
            return patch.contains("://") && matches.test(Path.of(patch.substring(patch.indexOf("://") + 3)));
        });
    }

    /** dbt's {@code is_selected_node}: the node's name, or a prefix of its fqn (with or without the package), globs allowed. */
    private static boolean fqnMatches(JsonNode fqnNode, String selector) {
        List<String> fqn = strings(fqnNode);
        return fqn.size() > 0 && (selectedNode(fqn, selector) || selectedNode(fqn.subList(1, fqn.size()), selector));
    }

    private static boolean selectedNode(List<String> fqn, String selector) {
        if (!fqn.isEmpty() && fqn.get(fqn.size() - 1).equals(selector)) {
            return true;
        }
        List<String> flat = new ArrayList<>();
        fqn.forEach(segment -> flat.addAll(List.of(segment.split("\\."))));
        String[] parts = selector.split("\\.");
        if (flat.size() < parts.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (Glob.hasWildcard(parts[i])) {
                return Glob.matches(String.join(".", flat.subList(i, flat.size())),
                        String.join(".", List.of(parts).subList(i, parts.length)));
            }
            if (!flat.get(i).equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** dbt's config comparison: a list holds the value, a scalar equals it (true/false as booleans, severity in any case). */
    private static boolean configMatches(JsonNode config, List<String> path, String value) {
        JsonNode v = config;
        for (String key : path) {
            if (!v.has(key)) {
                return false;
            }
            v = v.get(key);
        }
        boolean caseless = path.equals(List.of("severity"));
        Predicate<JsonNode> equal = item -> item.isTextual() && (caseless ? item.asText().equalsIgnoreCase(value) : item.asText().equals(value))
                || item.isBoolean() && value.toLowerCase(Locale.ROOT).equals(String.valueOf(item.asBoolean()));
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (equal.test(item)) {
                    return true;
                }
            }
            return false;
        }
        return equal.test(v);
    }

    private Set<String> where(Predicate<String> predicate) {
        Set<String> ids = new TreeSet<>();
        graph.ids().stream().filter(predicate).forEach(ids::add);
        return ids;
    }

    private String type(String id) {
        return graph.resourceType(id);
    }

    private boolean isSource(String id) {
        return type(id).equals("source");
    }

    private boolean inNodes(String id) {
        return graph.manifest().path("nodes").has(id);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void checkResourceType(String type) {
        if (!RESOURCE_TYPES.contains(type)) {
            throw PlaystreamException.permanent("Invalid resource_type selector \"" + type + "\": expected one of " + new TreeSet<>(RESOURCE_TYPES));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
