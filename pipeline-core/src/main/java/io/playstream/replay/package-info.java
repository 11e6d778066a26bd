/**
 * Replay: when the event contract widens, dead letters the sink refused under an older check are
 * judged again with today's check, and those that now pass are written into bronze once, where the
 * ordinary load finds them (CONTRACTS.md §2, "Replaying dead letters"). A dry run says what would
 * happen, by reason; nothing here deletes or rewrites a dead letter.
 */
package io.playstream.replay;
