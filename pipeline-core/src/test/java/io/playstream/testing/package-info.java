/** Builders and fixtures shared by every module's tests through pipeline-core's test-jar. */
package io.playstream.testing;
