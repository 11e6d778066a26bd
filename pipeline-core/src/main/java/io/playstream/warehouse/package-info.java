/**
 * The warehouse port and the bronze loader.
 *
 * <p>{@link io.playstream.warehouse.Warehouses#open} turns a JDBC-style URI into a
 * {@link io.playstream.warehouse.Warehouse}: DuckDB (one database instance per file in this JVM,
 * shared by duplicate connections), PostgreSQL or Snowflake, with secrets from the environment and
 * never in {@code describe()}.
 *
 * <p>{@link io.playstream.warehouse.BronzeLoader} loads bronze objects exactly once into
 * {@code bronze.spotify_events} (the bronze table contract), recording each object in
 * {@code bronze._load_manifest} in the same transaction as its rows, and keeping lines that are
 * not JSON objects, and objects that cannot be read at all ({@code UnreadableObjects}), in
 * {@code bronze._rejected_lines}. Its parts: {@code ObjectDiscovery} (what to
 * load), {@link io.playstream.warehouse.Warehouse#loadLock()} (one load at a time, warehouse-side), {@code LoadManifest}, and one
 * {@code BulkLoader} per dialect (DuckDB reads files itself, PostgreSQL streams {@code COPY},
 * Snowflake PUTs to a stage and runs {@code COPY INTO}; all Snowflake SQL is in
 * {@code SnowflakeStatements}). No row-by-row INSERT of events anywhere.
 */
package io.playstream.warehouse;
