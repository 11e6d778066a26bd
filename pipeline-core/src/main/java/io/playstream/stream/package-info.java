/**
 * Streaming: events into Kafka ({@link io.playstream.stream.EventPublisher}) and out of it into
 * bronze files ({@link io.playstream.stream.BronzeSink}), plus an embedded single-node KRaft broker
 * ({@link io.playstream.stream.EmbeddedKafkaBroker}) for one-machine runs and tests.
 *
 * <p>The sink promises CONTRACTS.md §2: every message lands in exactly one bronze line (or one
 * dead-letter line) across crashes, restarts and rebalances, because object keys are a pure function
 * of the record sequence and offsets are committed only after every file of a flush is stored.
 * Kafka client libraries are optional dependencies of core: importers that use this package
 * declare {@code kafka-clients} (and {@code kafka_2.13} + {@code kafka-server} for the broker).
 */
package io.playstream.stream;
