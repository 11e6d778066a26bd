/**
 * {@code playstream demo}: the whole pipeline once, on embedded defaults, from simulated listeners
 * to gold, with a short summary of what it found.
 */
package io.playstream.app.demo;
