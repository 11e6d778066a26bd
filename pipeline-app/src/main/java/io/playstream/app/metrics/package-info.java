/** Micrometer metrics of the app, scraped by Prometheus at {@code GET /metrics}. */
package io.playstream.app.metrics;
