/**
 * The listener simulator: a deterministic catalogue of listeners and songs and a stream of
 * realistic listening events (sessions, skips, daily rhythm, late events, duplicate sends).
 *
 * <p>{@link io.playstream.generate.ListenerSimulator#create(SimulatorConfig)} builds the
 * {@link io.playstream.generate.Catalogue} once with datafaker (listeners with stable ids, a home
 * country and a preferred device; songs with artist, title, duration and the original pipeline's
 * uuid5 song id, popularity following Zipf's law), then every iterator replays the same events
 * for the same {@link io.playstream.generate.SimulatorConfig}: sessions of several tracks, skips
 * more likely early in a track and for unpopular songs, pauses and resumes, playlist adds, new
 * sessions following each time zone's daily rhythm, a share of late events and of duplicates.
 * Two clocks: real time paced to a rate, or a simulated range for backfills.
 * {@link io.playstream.generate.EventSink} is where generated or replayed events go.
 */
package io.playstream.generate;
