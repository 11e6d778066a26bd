package io.playstream.transform.internal.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dbt_project.yml's {@code on-run-start} and {@code on-run-end}: SQL templates run before the first
 * node and after the last, each a string or a list of strings. dbt records each as an
 * {@code operation} node named {@code <project>-on-run-start-<i>}.
 */
public record RunHooks(String projectName, List<String> start, List<String> end) {

    public static final String ON_RUN_START = "on-run-start";
    public static final String ON_RUN_END = "on-run-end";

    public RunHooks {
        start = List.copyOf(start);
        end = List.copyOf(end);
    }

    /** The project's run hooks (none when dbt_project.yml has neither key). */
    public static RunHooks read(Path projectRoot, String projectName) {
        Path file = projectRoot.resolve("dbt_project.yml");
        Map<String, Object> settings = Files.isRegularFile(file) ? YamlFiles.readMap(file) : Map.of();
        return new RunHooks(projectName, hooks(settings.get(ON_RUN_START)), hooks(settings.get(ON_RUN_END)));
    }

    private static List<String> hooks(Object value) {
        List<String> hooks = new ArrayList<>();
        YamlFiles.asList(value).forEach(h -> hooks.add(String.valueOf(h)));
        return hooks;
    }

    /** dbt's name of the hook: {@code <project>-on-run-start-0}. */
    public String nodeName(String kind, int index) {
        return projectName + "-" + kind + "-" + index;
    }

    /** What dbt's log and message call it: {@code <project>.on-run-start.0}. */
    public String displayName(String kind, int index) {
        return projectName + "." + kind + "." + index;
    }

    public String uniqueId(String kind, int index) {
        return "operation." + projectName + "." + nodeName(kind, index);
    }
}
