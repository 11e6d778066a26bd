/** The streaming half of the app: the broker, the bronze sink and the simulator, each on its own thread. */
package io.playstream.app.stream;
