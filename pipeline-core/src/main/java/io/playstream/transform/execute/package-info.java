/** Parsing a project into nodes and running dbt build over them: materializations, incremental strategies, tests, log lines. */
package io.playstream.transform.execute;
