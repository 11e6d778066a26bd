/** The {@code playstream} command line (picocli): one class per subcommand. */
package io.playstream.app.cli;
