package io.playstream.transform.internal.jinja;

import io.playstream.PlaystreamException;

/** Resolvers for renders that must not reach any relation (macro files, profiles). */
final class RenderScopes {

    static final RenderScope.Resolver NO_RELATIONS = new RenderScope.Resolver() {
        @Override
        public Relation ref(String model) {
            throw PlaystreamException.permanent("ref('" + model + "') outside a macro body or model");
        }

        @Override
        public Relation source(String source, String table) {
            throw PlaystreamException.permanent("source('" + source + "', '" + table + "') outside a macro body or model");
        }
    };

    private RenderScopes() {
    }
}
