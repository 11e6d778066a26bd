package io.playstream.transform.internal.jinja;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import io.playstream.warehouse.sql.RelationName;
import java.io.IOException;
import java.util.Objects;

/**
 * A table or view as Jinja sees it ({@code ref()}, {@code source()}, {@code this}): renders as
 * {@code schema.identifier} and exposes {@code .schema}, {@code .identifier} and {@code .name}.
 * An ephemeral model renders as the name of its CTE.
 */
public class Relation implements PyishSerializable, RelationName {

    private final String schema;
    private final String identifier;

    public Relation(String schema, String identifier) {
        this.schema = schema;
        this.identifier = Objects.requireNonNull(identifier, "identifier");
    }

    /** An ephemeral model: a CTE, without a schema. */
    public static Relation cte(String name) {
        return new Relation(null, name);
    }

    public String getSchema() {
        return schema;
    }

    public String getIdentifier() {
        return identifier;
    }

    public String getName() {
        return identifier;
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
        appendable.append(toString());
        return appendable;
    }

    @Override
    public String toString() {
        return schema == null ? identifier : schema + "." + identifier;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Relation r && Objects.equals(schema, r.schema) && identifier.equals(r.identifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, identifier);
    }
}
