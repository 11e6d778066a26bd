/**
 * The listener simulator: a deterministic catalogue of listeners and songs and a stream of
 * realistic listening events (sessions, skips, daily rhythm, late events, duplicate sends).
 *
 * <p>{@link io.playstream.generate.ListenerSimulator#create(SimulatorConfig)} builds the
 * {@link io.playstream.generate.Catalogue} once with datafaker (listeners with stable ids, a home
 * country and its time zone, a preferred device, a heavy-tailed activity, a skip propensity, a
 * favourite genre, and for some a point where they join or stop; songs by artists of one genre
 * each, with title, duration, the original pipeline's uuid5 song id, an appeal and a popularity
 * following Zipf's law within each genre), then every iterator replays the same events for the
 * same {@link io.playstream.generate.SimulatorConfig}: sessions of several tracks mostly of the
 * listener's genre, skips depending on the song's appeal, the device, the local hour and the
 * listener, early in a track the more the less the song appeals, pauses and resumes, playlist
 * adds, new sessions following each time zone's weekly rhythm (weekdays and weekends differ) and
 * each listener's activity, a share of late events and of duplicates.
 * Two clocks: real time paced to a rate, or a simulated range for backfills.
 * {@link io.playstream.generate.EventSink} is where generated or replayed events go.
 */
package io.playstream.generate;
