/**
 * Playstream's core library: the pieces every stage of the pipeline shares. Sub-packages are by
 * feature; anything under an {@code internal} package is not API. The only exception type is
 * {@link io.playstream.PlaystreamException}.
 */
package io.playstream;
