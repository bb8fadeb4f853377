/** The reference relay: the thinnest server that pairs two connections and forwards frames, the physics line. */
package io.imstarter.bench.relay;
