package io.imstarter.cluster;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;

/**
 * What one node asks of another, as JSON on the receiving node's channel. Only the fields of its kind are set.
 *
 * @param kind what to do
 * @param packet the wire packet, for {@link Kind#DATA} and {@link Kind#ACK}
 * @param userId the user, for every kind but the packet ones and {@link Kind#S2C_RESULT}
 * @param content the S2C payload
 * @param typeu the S2C {@code typeu}
 * @param qos whether the S2C uses QoS
 * @param fp the S2C fingerprint (null for a fresh one), or in a result the fingerprint delivered
 * @param text a kick's reason, or a failed result's message
 * @param firstLoginTime the displaced session's stored firstLoginTime
 * @param reason a displacement's kick reason, or a failed result's {@code S2CSendException.Reason}
 * @param replyTo the node that waits for the outcome of an S2C, or for a displacement's confirmation
 * @param requestId the S2C request the outcome belongs to, or the displacement a confirmation belongs to
 */
public record ClusterMessage(Kind kind, String packet, String userId, String content, int typeu, boolean qos,
        String fp, String text, long firstLoginTime, String reason, String replyTo, String requestId) {

    /** The kinds of requests between nodes. */
    public enum Kind {
        /** A C2C type 2 for a user of the receiving node. */
        DATA,
        /** A receiver's type 4 for the QoS state on the sender's node. */
        ACK,
        /** A server push to a user of the receiving node. */
        S2C,
        /** The outcome of an S2C, back to the node that asked. */
        S2C_RESULT,
        /** A kick by the application. */
        KICK,
        /** A newer login elsewhere displaced this node's session of the user. */
        DISPLACE,
        /** The displaced session ended (or will as it registers), back to the node whose login displaced it. */
        DISPLACED,
        /** Another node stored messages for a user of the receiving node: its replay reads the store now. */
        STORED
    }

    private static final Gson GSON = new Gson();

    public static ClusterMessage packet(Packet packet) {
        Kind kind = packet.type() == PacketType.ACK ? Kind.ACK : Kind.DATA;
        return new ClusterMessage(kind, PacketCodec.encode(packet), null, null, 0, false, null, null, 0, null, null,
                null);
    }

    public static ClusterMessage s2c(String userId, String content, int typeu, boolean qos, String fp, String replyTo,
            String requestId) {
        return new ClusterMessage(Kind.S2C, null, userId, content, typeu, qos, fp, null, 0, null, replyTo, requestId);
    }

    /** An S2C outcome: {@code failure} null for success with {@code fp}, else its reason name and message. */
    public static ClusterMessage s2cResult(String requestId, String fp, String failure, String text) {
        return new ClusterMessage(Kind.S2C_RESULT, null, null, null, 0, false, fp, text, 0, failure, null, requestId);
    }

    public static ClusterMessage kick(String userId, String reason) {
        return new ClusterMessage(Kind.KICK, null, userId, null, 0, false, null, reason, 0, null, null, null);
    }

    public static ClusterMessage displace(String userId, long firstLoginTime, String reason, String replyTo,
            String requestId) {
        return new ClusterMessage(Kind.DISPLACE, null, userId, null, 0, false, null, null, firstLoginTime, reason,
                replyTo, requestId);
    }

    public static ClusterMessage stored(String userId) {
        return new ClusterMessage(Kind.STORED, null, userId, null, 0, false, null, null, 0, null, null, null);
    }

    public static ClusterMessage displaced(String requestId) {
        return new ClusterMessage(Kind.DISPLACED, null, null, null, 0, false, null, null, 0, null, null, requestId);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** Decodes a message; fails with {@link MalformedPacketException} when it is not one. */
    public static ClusterMessage fromJson(String json) throws MalformedPacketException {
        ClusterMessage message;
        try {
            message = GSON.fromJson(json, ClusterMessage.class);
        }
        catch (JsonParseException ex) {
            throw new MalformedPacketException("Not a cluster message: " + ex.getMessage());
        }
        if (message == null || message.kind() == null) {
            throw new MalformedPacketException("A cluster message needs a kind");
        }
        return message;
    }

    /** The wire packet of a {@link Kind#DATA} or {@link Kind#ACK}. */
    public Packet decodePacket() throws MalformedPacketException {
        return PacketCodec.decode(packet);
    }
}
