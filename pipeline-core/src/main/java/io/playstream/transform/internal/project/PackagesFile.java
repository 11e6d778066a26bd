package io.playstream.transform.internal.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * packages.yml (or dependencies.yml): the package names a project may call, e.g.
 * {@code dbt-labs/dbt_utils} is {@code dbt_utils}. The runner does not install packages: the
 * dbt_utils macros it knows are built in, and a call into any other package stops the run.
 */
final class PackagesFile {

    private final Path root;

    PackagesFile(Path root) {
        this.root = root;
    }

    List<String> packageNames() {
        List<String> names = new ArrayList<>();
        for (String fileName : List.of("packages.yml", "dependencies.yml")) {
            Path file = root.resolve(fileName);
            if (Files.isRegularFile(file)) {
                for (Object entry : YamlFiles.asList(YamlFiles.readMap(file).get("packages"))) {
                    Map<String, Object> pkg = YamlFiles.asMap(entry, fileName + " packages");
                    Object id = pkg.containsKey("package") ? pkg.get("package") : pkg.getOrDefault("git", pkg.get("local"));
                    names.add(lastSegment(String.valueOf(id)));
                }
            }
        }
        return names;
    }

    private static String lastSegment(String id) {
        String trimmed = id.replaceAll("\\.git$", "").replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1).replace('-', '_');
    }
}
