package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's {@code grants} config: privilege to grantees ({@code {select: [reporter]}}). A more
 * specific level replaces a privilege's grantees, or adds to them when it writes the privilege as
 * {@code +select}, as in dbt. Privileges and grantees are compared in lower case, as dbt's
 * {@code standardize_grants_dict} does.
 */
public record Grants(Map<String, List<String>> privileges) {

    public static final String KEY = "grants";

    public Grants {
        privileges = Map.copyOf(privileges);
    }

    public static Grants of(NodeConfig config, String file) {
        Object value = config.values().get(KEY);
        Map<String, List<String>> privileges = new LinkedHashMap<>();
        if (value == null) {
            return new Grants(privileges);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw PlaystreamException.permanent(file + ": grants maps a privilege to its grantees, e.g. {select: [reporter]}");
        }
        map.forEach((privilege, grantees) -> {
            List<String> names = new ArrayList<>();
            YamlFiles.asList(grantees).forEach(g -> names.add(SqlNames.requirePlain(String.valueOf(g), file + " grantee")));
            String name = String.valueOf(privilege).replaceFirst("^\\+", "").toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z][a-z ]*")) {
                throw PlaystreamException.permanent(file + ": '" + privilege + "' is not a privilege");
            }
            if (!names.isEmpty()) {
                privileges.put(name, names);
            }
        });
        return new Grants(privileges);
    }

    public boolean isEmpty() {
        return privileges.isEmpty();
    }

    /** A more specific level's grants over a more general one's ({@code +privilege} adds grantees). */
    static void merge(Map<String, Object> general, Map<String, Object> specific, Map<String, Object> merged) {
        if (!(general.get(KEY) instanceof Map<?, ?> base) || !(specific.get(KEY) instanceof Map<?, ?> over)) {
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        base.forEach((k, v) -> result.put(String.valueOf(k).replaceFirst("^\\+", ""), v));
        over.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.startsWith("+")) {
                LinkedHashSet<Object> grantees = new LinkedHashSet<>(YamlFiles.asList(result.get(key.substring(1))));
                grantees.addAll(YamlFiles.asList(v));
                result.put(key.substring(1), List.copyOf(grantees));
            } else {
                result.put(key, v);
            }
        });
        merged.put(KEY, result);
    }
}
