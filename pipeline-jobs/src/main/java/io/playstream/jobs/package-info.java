/**
 * JobRunr jobs: each unpacks its request and calls pipeline-core, nothing more. Every job is
 * idempotent, so a retry or a double trigger is harmless.
 */
package io.playstream.jobs;
