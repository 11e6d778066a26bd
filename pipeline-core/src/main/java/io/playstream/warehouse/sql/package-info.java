/**
 * The SQL the transform runner writes itself (DDL, swaps, incremental DML): one dialect per
 * warehouse, handed out by the warehouse's adapter. It names relations and indexes through
 * {@link io.playstream.warehouse.sql.RelationName} and {@link io.playstream.warehouse.sql.IndexDefinition},
 * so the warehouse does not depend on the transform runner that uses it.
 */
package io.playstream.warehouse.sql;
