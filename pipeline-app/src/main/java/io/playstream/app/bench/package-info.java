/**
 * {@code playstream bench}: every stage of the pipeline measured against a reference run in the same
 * process (or, for Kafka's own perf tools, a child JVM) on the same data, so a figure is a ratio that
 * survives a noisy shared machine. One class per stage, a results model, a table printer and a JSON
 * writer; the reference tools' jars stay in {@code target/bench-lib/}, off the app's classpath.
 */
package io.playstream.app.bench;
