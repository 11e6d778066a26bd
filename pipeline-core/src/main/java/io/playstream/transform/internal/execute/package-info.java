/**
 * Parsing a project into nodes and running dbt build over them: materializations, incremental
 * strategies, tests, log lines, and the state that lets a run reuse unchanged nodes.
 */
package io.playstream.transform.internal.execute;
