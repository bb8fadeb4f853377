package io.imstarter.client;

import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.Packet;

/**
 * A decoded packet and, when it is a member's copy of a group message, what the server added beside the envelope
 * (wire protocol section 13): the member who sent it and its place in the group's order.
 *
 * @param group the group copy's sender and sequence number, null for any other packet
 */
record Inbound(Packet packet, GroupEnvelope.Copy group) {
}
