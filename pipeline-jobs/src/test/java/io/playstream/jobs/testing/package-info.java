/** Test helpers shared with pipeline-app's tests (test-jar): the real stages over a scratch warehouse, polling, scratch databases. */
package io.playstream.jobs.testing;
