/** The runnable application: command line, HTTP API and dashboards over pipeline-jobs and pipeline-core. */
package io.playstream.app;
