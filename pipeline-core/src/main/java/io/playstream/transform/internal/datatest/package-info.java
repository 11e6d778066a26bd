/** SQL of dbt's generic tests and of the dbt_utils tests, and dbt's test names. */
package io.playstream.transform.internal.datatest;
