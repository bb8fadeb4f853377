package io.imstarter.testsupport;

import io.imstarter.protocol.Packet;

/**
 * One unit the server sent: a TCP frame body, a UDP datagram or a WebSocket text message.
 *
 * @param packet the decoded packet, or null when the bytes did not decode (a server bug the tests can assert on)
 * @param text the raw text as received
 * @param sizeBytes the size on the wire, without the TCP header
 * @param nanoTime {@link System#nanoTime()} at arrival, for latency assertions
 */
public record Received(Packet packet, String text, int sizeBytes, long nanoTime) {
}
