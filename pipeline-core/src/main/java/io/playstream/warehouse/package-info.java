/**
 * The warehouse port and the bronze loader: {@link io.playstream.warehouse.Warehouse} adapters for
 * DuckDB, PostgreSQL and Snowflake, and the exactly-once load of bronze objects into
 * {@code bronze.spotify_events} with its {@code bronze._load_manifest}.
 */
package io.playstream.warehouse;
