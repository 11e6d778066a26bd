package io.playstream.stream;

/**
 * What one flush stored.
 *
 * @param files        objects written
 * @param bytes        compressed bytes written
 * @param bronzeLines  messages written to bronze
 * @param deadLetters  messages written to dead-letter
 * @param bronzeKeys   the bronze objects written, for the loaders' notice
 */
record FlushResult(int files, long bytes, long bronzeLines, long deadLetters, java.util.List<String> bronzeKeys) {
}
