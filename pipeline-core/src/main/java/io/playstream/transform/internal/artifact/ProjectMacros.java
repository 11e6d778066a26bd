package io.playstream.transform.internal.artifact;

import io.playstream.transform.internal.project.DbtProject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The macros a project defines ({@code {% macro name(...) %} ... {% endmacro %}} in its macro
 * files), and the macros a piece of Jinja calls: what the manifest's {@code macros} and
 * {@code depends_on.macros} list.
 */
final class ProjectMacros {

    private static final Pattern DEFINITION = Pattern.compile(
            "\\{%-?\\s*macro\\s+(\\w+)\\s*\\(.*?\\{%-?\\s*endmacro\\s*-?%}", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("\\{#.*?#}", Pattern.DOTALL);
    private static final Pattern PACKAGE_CALL = Pattern.compile("\\b(dbt_utils|dbt)\\.(\\w+)\\s*\\(");
    private static final Pattern DISPATCH = Pattern.compile("adapter\\.dispatch\\(\\s*['\"](\\w+)['\"]");
    private static final Pattern IS_INCREMENTAL = Pattern.compile("\\bis_incremental\\s*\\(");
    /** A call of a name that no dot or word character precedes: a project macro's, when the name is one. */
    private static final Pattern CALL = Pattern.compile("(?<![\\w.])(\\w+)\\s*\\(");

    /** One macro: its name, file and text from {@code {% macro} to {@code {% endmacro %}}. */
    record Macro(String name, DbtProject.SqlFile file, String sql) {
    }

    private final String project;
    private final String adapterType;
    private final List<Macro> macros = new ArrayList<>();

    ProjectMacros(String project, List<DbtProject.SqlFile> files, String adapterType) {
        this.project = project;
        this.adapterType = adapterType;
        for (DbtProject.SqlFile file : files) {
            Matcher m = DEFINITION.matcher(file.text());
            while (m.find()) {
                macros.add(new Macro(m.group(1), file, m.group()));
            }
        }
    }

    List<Macro> all() {
        return List.copyOf(macros);
    }

    String uniqueId(Macro macro) {
        return "macro." + project + "." + macro.name();
    }

    /** The implementation {@code adapter.dispatch} picks: {@code <adapter>__name}, else {@code default__name}. */
    private java.util.Optional<String> dispatched(String name) {
        for (String candidate : List.of(adapterType + "__" + name, "default__" + name)) {
            if (macros.stream().anyMatch(m -> m.name().equals(candidate))) {
                return java.util.Optional.of("macro." + project + "." + candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The unique ids of the macros {@code jinja} calls: the project's own, dbt_utils' and dbt's
     * {@code is_incremental} (dbt also lists the built-in macros its materializations call; those
     * the runner implements in Java, so they are not named here).
     */
    Set<String> calledBy(String jinja) {
        String code = COMMENT.matcher(jinja).replaceAll("");
        Set<String> called = new LinkedHashSet<>();
        if (IS_INCREMENTAL.matcher(code).find()) {
            called.add("macro.dbt.is_incremental");
        }
        // one pass over the code for every name it calls (each manifest write reads every node's
        // code: a pattern per macro took a fifth of a micro-batch transform's own thread)
        Set<String> names = new java.util.HashSet<>();
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            names.add(call.group(1));
        }
        for (Macro macro : macros) {
            if (names.contains(macro.name())) {
                called.add(uniqueId(macro));
            }
        }
        Matcher dispatch = DISPATCH.matcher(code);
        while (dispatch.find()) {
            dispatched(dispatch.group(1)).ifPresent(called::add);
        }
        Matcher m = PACKAGE_CALL.matcher(code);
        while (m.find()) {
            called.add("macro." + m.group(1) + "." + m.group(2));
        }
        return called;
    }
}
