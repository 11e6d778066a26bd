/**
 * The listener simulator: a deterministic catalogue of listeners and songs and a stream of
 * realistic listening events (sessions, skips, daily rhythm, late events, duplicate sends).
 */
package io.playstream.generate;
