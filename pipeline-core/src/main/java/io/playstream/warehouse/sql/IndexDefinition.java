package io.playstream.warehouse.sql;

import java.util.List;
import java.util.Optional;

/** A secondary index a model declares: its columns, whether unique, and its method ({@code btree}, ...), if any. */
public interface IndexDefinition {

    List<String> columns();

    boolean unique();

    Optional<String> type();
}
