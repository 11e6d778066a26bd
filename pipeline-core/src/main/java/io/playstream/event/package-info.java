/**
 * The listening event of CONTRACTS.md §1 and its wire codec. {@link io.playstream.event.ListeningEvent}
 * is an immutable record that validates itself; {@link io.playstream.event.EventCodec} decodes bytes
 * into an event or a {@link io.playstream.event.Rejection} without ever throwing on bad input, and
 * encodes events with the original pipeline's field names.
 */
package io.playstream.event;
