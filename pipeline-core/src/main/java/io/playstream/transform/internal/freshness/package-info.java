/** dbt's source freshness: how old each source's newest row is, judged by its {@code freshness:} thresholds. */
package io.playstream.transform.internal.freshness;
