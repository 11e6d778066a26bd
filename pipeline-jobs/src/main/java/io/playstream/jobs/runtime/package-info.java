/**
 * Starting JobRunr for Playstream without its static facade (so several servers may share one JVM
 * in tests): the job store (an H2 file by default, PostgreSQL when shared by several instances), the
 * background job server with Playstream's retry policy, and the JobRunr dashboard bound to one
 * address (JobRunr's own dashboard server listens on every interface).
 */
package io.playstream.jobs.runtime;
