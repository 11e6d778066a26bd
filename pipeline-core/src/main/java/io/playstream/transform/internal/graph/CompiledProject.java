package io.playstream.transform.internal.graph;

import io.playstream.transform.internal.project.DbtProject;
import io.playstream.transform.internal.project.SourceTable;
import java.util.List;
import java.util.Map;

/**
 * A parsed project: enabled models (and seeds) with their final config and relation, their graph,
 * data tests and unit tests.
 *
 * @param testSchema the schema dbt gives tests ({@code dbt_test__audit} through generate_schema_name)
 */
public record CompiledProject(DbtProject project, Map<String, ModelNode> models, DependencyGraph graph,
        List<TestNode> tests, Map<String, SourceTable> sources, String testSchema, List<UnitTestNode> unitTests) {

    public CompiledProject {
        models = Map.copyOf(models);
        tests = List.copyOf(tests);
        sources = Map.copyOf(sources);
        unitTests = List.copyOf(unitTests);
    }

    public String modelId(String name) {
        return models.get(name).uniqueId();
    }
}
