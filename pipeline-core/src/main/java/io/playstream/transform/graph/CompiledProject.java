package io.playstream.transform.graph;

import io.playstream.transform.project.DbtProject;
import io.playstream.transform.project.SourceTable;
import java.util.List;
import java.util.Map;

/**
 * A parsed project: enabled models with their final config and relation, their graph, and tests.
 *
 * @param testSchema the schema dbt gives tests ({@code dbt_test__audit} through generate_schema_name)
 */
public record CompiledProject(DbtProject project, Map<String, ModelNode> models, DependencyGraph graph,
        List<TestNode> tests, Map<String, SourceTable> sources, String testSchema) {

    public CompiledProject {
        models = Map.copyOf(models);
        tests = List.copyOf(tests);
        sources = Map.copyOf(sources);
    }

    public String modelId(String name) {
        return models.get(name).uniqueId();
    }
}
