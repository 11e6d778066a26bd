/**
 * JobRunr jobs: each unpacks its request and calls pipeline-core through {@link
 * io.playstream.jobs.PipelineStages}, nothing more; {@link io.playstream.jobs.CoreStages} binds that
 * seam to core's bronze loader and transform runner. Every job is idempotent, so a retry or a
 * double trigger is harmless. Requests are plain records serialised by JobRunr as JSON, so a job
 * can run on any instance that shares the job store.
 */
package io.playstream.jobs;
