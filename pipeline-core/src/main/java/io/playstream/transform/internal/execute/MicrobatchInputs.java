package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.EventTimeFilteredRelation;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.jinja.RenderScope;
import io.playstream.transform.internal.project.SourceTable;
import java.util.Map;

/**
 * How a microbatch model's inputs resolve inside a batch, as in dbt: a {@code ref()} of a model or
 * seed, or a {@code source()}, whose config has an {@code event_time} reads only the batch's rows;
 * other inputs read all.
 */
final class MicrobatchInputs {

    private MicrobatchInputs() {
    }

    static RenderScope.Resolver filtering(RenderScope.Resolver resolver, Map<String, ModelNode> models,
            Map<String, SourceTable> sources, MicrobatchBatch batch) {
        return new RenderScope.Resolver() {
            @Override
            public Relation ref(String model) {
                Relation relation = resolver.ref(model);
                Object eventTime = models.get(model).config().values().get("event_time");
                return eventTime == null ? relation : new EventTimeFilteredRelation(relation, batch.filter(String.valueOf(eventTime)));
            }

            @Override
            public Relation source(String source, String table) {
                Relation relation = resolver.source(source, table);
                String eventTime = sources.get(source + "." + table).eventTime();
                return eventTime == null ? relation : new EventTimeFilteredRelation(relation, batch.filter(eventTime));
            }
        };
    }
}
