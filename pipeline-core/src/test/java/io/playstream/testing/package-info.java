/**
 * Builders, fixtures and plumbing shared by every module's tests through pipeline-core's test-jar: among them
 * the one scratch PostgreSQL database ({@link io.playstream.testing.ScratchPostgres}) and the one way of
 * waiting ({@link io.playstream.testing.Await}).
 */
package io.playstream.testing;
