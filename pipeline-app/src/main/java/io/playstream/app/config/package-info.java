/**
 * The application's configuration: one immutable {@link io.playstream.app.config.PlaystreamConfig}
 * built once at start-up from defaults, one file (YAML or .properties), a {@code .env} file in the
 * working folder, the real environment ({@code PLAYSTREAM_*}) and command-line options, in rising
 * order of precedence. Secrets come from the environment only and are masked when printed.
 */
package io.playstream.app.config;
