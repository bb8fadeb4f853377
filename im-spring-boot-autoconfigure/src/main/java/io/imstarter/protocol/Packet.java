package io.imstarter.protocol;

import java.util.UUID;

/**
 * One protocol envelope (wire protocol section 2), immutable.
 *
 * <p>The canonical constructor keeps decoded values as they are (absent keys are Java zero values); the
 * factories apply the builder defaults ({@code from}/{@code to} "-1", {@code typeu}/{@code sm} -1).
 *
 * @param bridge set by MobileIMSDK's MQ bridge; preserved, never acted on
 * @param type the type code, see {@link PacketType}
 * @param dataContent the payload; for control types a JSON document encoded as a string
 * @param from the sender id, "0" for the server
 * @param to the receiver id, "0" for the server, "-1" for unknown
 * @param fp the fingerprint (message id)
 * @param qos whether the receiver must acknowledge
 * @param typeu the application sub-type, passed through
 * @param sm the server clock stamp, or -1
 */
public record Packet(boolean bridge, int type, String dataContent, String from, String to, String fp, boolean qos,
        int typeu, long sm) {

    /** The value of {@code typeu} and {@code sm} when a packet is built rather than decoded. */
    public static final int UNSET = -1;

    /** A packet with builder defaults; a QoS packet without a fingerprint gets a fresh one. */
    public static Packet of(int type, String dataContent, String from, String to, String fp, boolean qos, int typeu) {
        String fingerprint = (qos && (fp == null || fp.isEmpty())) ? newFingerprint() : fp;
        return new Packet(false, type, dataContent, orUnknown(from), orUnknown(to), fingerprint, qos, typeu, UNSET);
    }

    /** A non-QoS control packet with builder defaults. */
    public static Packet control(int type, String dataContent, String from, String to) {
        return of(type, dataContent, from, to, null, false, UNSET);
    }

    /** A fresh fingerprint: a random UUID with dashes. */
    public static String newFingerprint() {
        return UUID.randomUUID().toString();
    }

    /** Whether the receiver must acknowledge: {@code QoS} true with a non-empty fingerprint (section 9.1). */
    public boolean requiresAck() {
        return qos && fp != null && !fp.isEmpty();
    }

    public Packet withType(int newType) {
        return new Packet(bridge, newType, dataContent, from, to, fp, qos, typeu, sm);
    }

    public Packet withSm(long newSm) {
        return new Packet(bridge, type, dataContent, from, to, fp, qos, typeu, newSm);
    }

    /** The type 4 a receiver sends for this packet: from itself to this packet's sender, bridge copied. */
    public Packet ackFrom(String acknowledger) {
        return new Packet(bridge, PacketType.ACK, fp, acknowledger, orUnknown(from), null, false, UNSET, UNSET);
    }

    private static String orUnknown(String id) {
        return id == null ? UserIds.UNKNOWN : id;
    }
}
