/** Parsed models and tests, their dependency graph (order, cycles) and dbt node selection. */
package io.playstream.transform.internal.graph;
