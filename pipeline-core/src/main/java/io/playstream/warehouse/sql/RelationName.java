package io.playstream.warehouse.sql;

/**
 * A table or view as the dialects name it: {@link #toString()} renders it qualified
 * ({@code schema.identifier}), {@link #getIdentifier()} bare, as a rename's target takes it.
 */
public interface RelationName {

    /** The relation's own name, without its schema. */
    String getIdentifier();
}
