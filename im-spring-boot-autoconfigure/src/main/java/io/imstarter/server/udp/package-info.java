/** The UDP gateway: one datagram per JSON packet, one pseudo-connection per remote address. */
package io.imstarter.server.udp;
