package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.datatest.GenericTestSql;
import io.playstream.transform.internal.datatest.TestNames;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.TestNode;
import io.playstream.transform.internal.jinja.DbtJinja;
import io.playstream.transform.internal.jinja.RenderScope;
import io.playstream.transform.internal.project.DbtProject;
import io.playstream.transform.internal.project.SourceTable;
import io.playstream.transform.internal.project.TestDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Compiles the YAML generic tests and the singular tests of tests/ into {@link TestNode}s. */
final class TestCompiler {

    private static final Pattern RELATION_CALL = Pattern.compile("^\\s*(ref|source)\\s*\\(.*\\)\\s*$", Pattern.DOTALL);
    private static final Set<String> SUPPORTED_CONFIG = Set.of("severity", "where", "enabled", "tags", "meta");

    private final DbtProject project;
    private final DbtJinja jinja;
    private final Map<String, ModelNode> models;
    private final Map<String, SourceTable> sources;
    private final Set<String> disabled;

    TestCompiler(DbtProject project, DbtJinja jinja, Map<String, ModelNode> models, Map<String, SourceTable> sources,
            Set<String> disabled) {
        this.project = project;
        this.jinja = jinja;
        this.models = models;
        this.sources = sources;
        this.disabled = disabled;
    }

    List<TestNode> compile() {
        List<TestNode> tests = new ArrayList<>();
        for (TestDefinition definition : project.genericTests()) {
            if (definition.model() != null && disabled.contains(definition.model())) {
                continue;
            }
            TestNode node = generic(definition);
            if (node != null) {
                tests.add(node);
            }
        }
        for (DbtProject.SqlFile file : project.singularTests()) {
            TestNode node = singular(file);
            if (node != null) {
                tests.add(node);
            }
        }
        return tests;
    }

    private TestNode generic(TestDefinition test) {
        checkConfig(test.config(), test.file());
        if (isDisabled(test.config())) {
            return null;
        }
        RenderScope scope = new RenderScope(test.file(), Resolvers.building(models, sources, test.file(), disabled), false, null);
        String target;
        String targetName;
        String relationCall;
        List<String> dependsOn = new ArrayList<>();
        List<String> sourceDeps = new ArrayList<>();
        if (test.model() != null) {
            ModelNode model = models.get(test.model());
            if (model == null) {
                throw PlaystreamException.permanent(test.file() + ": tests are declared for model '" + test.model() + "', which has no SQL file");
            }
            if (model.ephemeral()) {
                throw PlaystreamException.permanent(test.file() + ": test '" + test.testName() + "' on ephemeral model '"
                        + test.model() + "': ephemeral models cannot be tested");
            }
            target = model.relation().toString();
            targetName = test.model();
            relationCall = "ref('" + test.model() + "')";
            dependsOn.add(test.model());
        } else {
            SourceTable source = test.source();
            target = source.schema() + "." + source.identifier();
            targetName = source.sourceName() + "_" + source.tableName();
            relationCall = "source('" + source.sourceName() + "', '" + source.tableName() + "')";
            sourceDeps.add(source.sourceName() + "." + source.tableName());
        }
        Map<String, Object> args = new LinkedHashMap<>();
        test.arguments().forEach((key, value) -> args.put(key, renderArgument(test.file(), value, scope)));
        Object where = test.config().get("where");
        String relation = where == null ? target
                : "(select * from " + target + " where " + jinja.render(test.file(), String.valueOf(where), scope) + ") dbt_subquery";
        String sql = GenericTestSql.sql(test.testName(), relation, test.column(), args, test.file());
        scope.refs().forEach(r -> {
            if (!dependsOn.contains(r)) {
                dependsOn.add(r);
            }
        });
        TestNames.Names names = TestNames.names(test.source() != null, test.testName(), targetName, test.column(), test.arguments());
        Map<String, Object> metadata = TestNames.metadata(test.testName(), test.column(), test.arguments(), relationCall);
        return new TestNode(TestNames.uniqueId(project.name(), names.name(), metadata), names.name(), test.file(), test.model(),
                dependsOn, sourceDeps, sql, severity(test.config(), test.file()),
                new TestNode.Generic(names.alias(), test.column(), metadata));
    }

    private TestNode singular(DbtProject.SqlFile file) {
        RenderScope scope = new RenderScope(file.path(), Resolvers.building(models, sources, file.path(), disabled), false, null);
        String sql = jinja.render(file.path(), file.text(), scope);
        checkConfig(scope.config(), file.path());
        if (isDisabled(scope.config())) {
            return null;
        }
        for (String ref : scope.refs()) {
            if (models.get(ref).ephemeral()) {
                throw PlaystreamException.permanent(file.path() + ": ref('" + ref + "') to an ephemeral model in a test is not supported");
            }
        }
        return new TestNode("test." + project.name() + "." + file.name(), file.name(), file.path(), null,
                scope.refs(), scope.sources(), sql, severity(scope.config(), file.path()), null);
    }

    private Object renderArgument(String file, Object value, RenderScope scope) {
        if (value instanceof String text) {
            if (RELATION_CALL.matcher(text).matches()) {
                return jinja.render(file, "{{ " + text + " }}", scope);
            }
            return text.contains("{{") || text.contains("{%") ? jinja.render(file, text, scope) : text;
        }
        return value;
    }

    private static void checkConfig(Map<String, Object> config, String file) {
        for (String key : config.keySet()) {
            if (!SUPPORTED_CONFIG.contains(key)) {
                throw PlaystreamException.permanent(file + ": unsupported test config '" + key + "' (the runner supports "
                        + String.join(", ", SUPPORTED_CONFIG.stream().sorted().toList()) + ")");
            }
        }
    }

    private static boolean isDisabled(Map<String, Object> config) {
        return "false".equalsIgnoreCase(String.valueOf(config.get("enabled")));
    }

    private static TestNode.Severity severity(Map<String, Object> config, String file) {
        String severity = String.valueOf(config.getOrDefault("severity", "error")).toLowerCase(Locale.ROOT);
        return switch (severity) {
            case "error" -> TestNode.Severity.ERROR;
            case "warn" -> TestNode.Severity.WARN;
            default -> throw PlaystreamException.permanent(file + ": severity must be error or warn, found '" + severity + "'");
        };
    }
}
