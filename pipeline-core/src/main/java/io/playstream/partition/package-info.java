/**
 * Object keys: where every file of the pipeline lives, as pure functions of their content's
 * coordinates and back. {@link io.playstream.partition.BronzeKey} is the bronze layout of CONTRACTS.md §2,
 * {@link io.playstream.partition.DeadLetterKey} the dead letters', and
 * {@link io.playstream.partition.LegacyBronzeKey} the original Python pipeline's, read for migration.
 * No key that parses can escape its store's prefix.
 */
package io.playstream.partition;
