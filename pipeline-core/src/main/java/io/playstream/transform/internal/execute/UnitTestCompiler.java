package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.graph.UnitTestNode;
import io.playstream.transform.internal.project.DbtProject;
import io.playstream.transform.internal.project.UnitTestDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the project's unit tests as dbt does when it parses them: the model tested must exist
 * (a test of a disabled model is disabled too), a model that calls {@code is_incremental()} needs
 * a true or false override of it, and with {@code true} a {@code this} input; each input is
 * {@code ref(...)}, {@code source(...)} or {@code this}, and names a node of the project.
 */
final class UnitTestCompiler {

    private static final Pattern CALLS_IS_INCREMENTAL = Pattern.compile("\\bis_incremental\\s*\\(");

    private final DbtProject project;
    private final Map<String, ModelNode> models;

    UnitTestCompiler(DbtProject project, Map<String, ModelNode> models) {
        this.project = project;
        this.models = models;
    }

    List<UnitTestNode> compile() {
        List<UnitTestNode> nodes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> projectModels = new HashSet<>();
        project.models().forEach(m -> projectModels.add(m.name()));
        for (UnitTestDefinition test : project.unitTests()) {
            String where = test.file() + ": unit test '" + test.name() + "'";
            ModelNode model = models.get(test.model());
            if (model == null || model.seed() || model.snapshot()) {
                if (projectModels.contains(test.model()) || !test.enabled()) {
                    continue; // the model is disabled, and so is its unit test
                }
                throw PlaystreamException.permanent(where + ": Unable to find model '" + project.name() + "." + test.model() + "'");
            }
            if (!test.enabled()) {
                continue;
            }
            String id = test.uniqueId(project.name());
            if (!ids.add(id)) {
                throw PlaystreamException.permanent(where + ": two unit tests of model '" + test.model() + "' are named '" + test.name() + "'");
            }
            if (model.ephemeral()) {
                throw PlaystreamException.permanent(where + ": model '" + test.model() + "' is ephemeral; the runner unit-tests built models only");
            }
            Object override = test.overrides().macros().get("is_incremental");
            if (CALLS_IS_INCREMENTAL.matcher(model.file().file().text()).find() && !(override instanceof Boolean)) {
                throw PlaystreamException.permanent(where + ": Boolean override for 'is_incremental' must be provided for unit test '"
                        + test.name() + "' in model '" + test.model() + "'");
            }
            boolean incremental = Boolean.TRUE.equals(override);
            if (incremental && test.given().stream().noneMatch(g -> g.input().equals(UnitTestInputs.THIS))) {
                throw PlaystreamException.permanent(where + ": Unit test '" + test.name() + "' for incremental model '" + test.model()
                        + "' must have a 'this' input");
            }
            for (String macro : test.overrides().macros().keySet()) {
                if (!macro.equals("is_incremental") && project.macroFiles().stream().noneMatch(f -> f.text().matches(
                        "(?s).*\\{%-?\\s*macro\\s+" + Pattern.quote(macro) + "\\s*\\(.*"))) {
                    throw PlaystreamException.permanent(where + ": overrides macro '" + macro
                            + "': the runner overrides is_incremental and the project's own macros");
                }
            }
            test.given().forEach(g -> UnitTestInputs.parse(g.input(), where));
            nodes.add(new UnitTestNode(id, test, test.model(), incremental));
        }
        return nodes;
    }
}
