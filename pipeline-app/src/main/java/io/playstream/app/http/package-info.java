/**
 * The HTTP API (Javalin): trigger and inspect runs, health, Prometheus metrics. JSON only, a bearer
 * token when one is configured, bounded request bodies, no stack traces and no CORS headers in any
 * response.
 */
package io.playstream.app.http;
