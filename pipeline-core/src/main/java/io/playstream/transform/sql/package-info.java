/** The SQL the runner writes itself (DDL, swaps, incremental DML): one dialect per warehouse. */
package io.playstream.transform.sql;
