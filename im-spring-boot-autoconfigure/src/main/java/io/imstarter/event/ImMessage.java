package io.imstarter.event;

import io.imstarter.protocol.Packet;
import java.util.List;

/**
 * A type 2 message as application code sees it.
 *
 * @param fromUserId the sender, "0" for the server
 * @param toUserId the receiver, "0" for the server
 * @param fp the fingerprint (message id), null for a non-QoS message without one
 * @param content the application payload
 * @param typeu the application sub-type
 * @param qos whether the message was sent with QoS
 */
public record ImMessage(String fromUserId, String toUserId, String fp, String content, int typeu, boolean qos) {

    public static ImMessage of(Packet packet) {
        return new ImMessage(packet.from(), packet.to(), packet.fp(), packet.dataContent(), packet.typeu(),
                packet.qos());
    }

    public static List<ImMessage> of(List<Packet> packets) {
        return packets.stream().map(ImMessage::of).toList();
    }
}
