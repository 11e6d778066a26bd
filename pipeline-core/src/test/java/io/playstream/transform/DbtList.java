package io.playstream.transform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link TransformRunner#list} with arguments written as for {@code dbt ls}, as tests record them. */
final class DbtList {

    private DbtList() {
    }

    static List<String> run(TransformRunner runner, Path project, String args) {
        List<String> select = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        List<String> types = new ArrayList<>();
        NodeListing output = NodeListing.SELECTOR;
        Path state = null;
        String selector = null;
        List<String> current = null;
        String[] words = args.isBlank() ? new String[0] : args.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            switch (words[i]) {
                case "--select", "-s" -> current = select;
                case "--exclude" -> current = exclude;
                case "--resource-type" -> current = types;
                case "--output" -> {
                    output = NodeListing.named(words[++i]);
                    current = null;
                }
                case "--selector" -> {
                    selector = words[++i];
                    current = null;
                }
                case "--state" -> {
                    state = Path.of(words[++i]);
                    current = null;
                }
                default -> {
                    if (current == null) {
                        throw new IllegalArgumentException("cannot read '" + words[i] + "' in " + args);
                    }
                    current.add(words[i]);
                }
            }
        }
        TransformOptions options = TransformOptions.of(project).withSelect(String.join(" ", select))
                .withExclude(String.join(" ", exclude)).withState(state);
        if (selector != null) {
            options = options.withSelector(selector);
        }
        return runner.list(options, types, output);
    }
}
