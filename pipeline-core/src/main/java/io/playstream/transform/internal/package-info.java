/**
 * The runner's inside, not API: parsing the project ({@code project}), rendering Jinja
 * ({@code jinja}), the graph and selection ({@code graph}), building in the warehouse
 * ({@code execute}), data tests' SQL ({@code datatest}), freshness ({@code freshness}) and dbt's
 * artifacts ({@code artifact}). Its types are public only because Java has no visibility between
 * packages; callers use {@link io.playstream.transform} and nothing here.
 */
package io.playstream.transform.internal;
