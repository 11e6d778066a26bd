/** Test helpers shared with pipeline-app's tests (test-jar): the seam stand-in, polling, scratch databases. */
package io.playstream.jobs.testing;
