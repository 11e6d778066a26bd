package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.jinja.RenderScope;
import io.playstream.transform.internal.project.SourceTable;
import java.util.Map;
import java.util.Set;

/** How {@code ref} and {@code source} resolve while parsing (names only) and while building. */
final class Resolvers {

    static final String PARSE_SCHEMA = "__parsing__";

    private Resolvers() {
    }

    /** At parse time relations are not known yet: refs only need to name models. */
    static RenderScope.Resolver parsing(Map<String, SourceTable> sources, String file) {
        return new RenderScope.Resolver() {
            @Override
            public Relation ref(String model) {
                return new Relation(PARSE_SCHEMA, model);
            }

            @Override
            public Relation source(String source, String table) {
                return Resolvers.source(sources, source, table, file);
            }
        };
    }

    /** At build time: each model's relation (an ephemeral model's CTE name). */
    static RenderScope.Resolver building(Map<String, ModelNode> models, Map<String, SourceTable> sources, String file,
            Set<String> disabled) {
        return new RenderScope.Resolver() {
            @Override
            public Relation ref(String model) {
                ModelNode node = models.get(model);
                if (node == null) {
                    throw PlaystreamException.permanent(file + ": ref('" + model + "') names "
                            + (disabled.contains(model) ? "a disabled model" : "no model of the project"));
                }
                return node.relation();
            }

            @Override
            public Relation source(String source, String table) {
                return Resolvers.source(sources, source, table, file);
            }
        };
    }

    static Relation source(Map<String, SourceTable> sources, String source, String table, String file) {
        SourceTable st = sources.get(source + "." + table);
        if (st == null) {
            throw PlaystreamException.permanent(file + ": source('" + source + "', '" + table + "') is not declared in any sources YAML");
        }
        return new Relation(st.schema(), st.identifier());
    }
}
