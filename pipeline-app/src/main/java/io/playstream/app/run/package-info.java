/**
 * {@code playstream run}'s services and their order of start and stop. {@link
 * io.playstream.app.run.AppServices} is the one place where the stages, the broker, the sink and
 * the simulator are bound.
 */
package io.playstream.app.run;
