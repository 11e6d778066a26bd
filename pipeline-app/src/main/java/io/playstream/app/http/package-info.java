/**
 * The HTTP API (Javalin): trigger and inspect runs, read the gold tables (JSON or CSV, paged,
 * filtered), the pipeline's status, health, Prometheus metrics, and the app's own dashboard page at
 * {@code /} with its vendored Chart.js, and JobRunr's dashboard passed through from its loopback
 * server. A bearer token (or the session cookie a browser gets for it) guards {@code /api/*},
 * {@code /metrics} and JobRunr's paths when one is configured; request bodies are bounded; no stack
 * traces and no CORS headers in any response.
 */
package io.playstream.app.http;
