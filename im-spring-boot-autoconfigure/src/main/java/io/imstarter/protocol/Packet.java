package io.imstarter.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * One protocol envelope (wire protocol section 2), immutable.
 *
 * <p>The canonical constructor keeps decoded values as they are (absent keys are Java zero values); the
 * factories apply the builder defaults ({@code from}/{@code to} "-1", {@code typeu}/{@code sm} -1).
 *
 * <p>A decoded packet may remember the bytes it arrived in ({@link #utf8()}) so that a server relaying it unchanged
 * writes them instead of encoding again. Those bytes are an encoding cache, not part of the value: {@code equals},
 * {@code hashCode} and {@code toString} ignore them, and every {@code with*} copy drops them.
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
 * @param utf8 the body this packet was decoded from, exactly what {@link PacketCodec} would write for it, or null;
 *     shared, so never to be modified
 */
public record Packet(boolean bridge, int type, String dataContent, String from, String to, String fp, boolean qos,
        int typeu, long sm, byte[] utf8) {

    /** The value of {@code typeu} and {@code sm} when a packet is built rather than decoded. */
    public static final int UNSET = -1;

    /** A packet that remembers no body. */
    public Packet(boolean bridge, int type, String dataContent, String from, String to, String fp, boolean qos,
            int typeu, long sm) {
        this(bridge, type, dataContent, from, to, fp, qos, typeu, sm, null);
    }

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

    @Override
    public boolean equals(Object other) {
        return other instanceof Packet that && bridge == that.bridge && type == that.type && qos == that.qos
                && typeu == that.typeu && sm == that.sm && Objects.equals(dataContent, that.dataContent)
                && Objects.equals(from, that.from) && Objects.equals(to, that.to) && Objects.equals(fp, that.fp);
    }

    @Override
    public int hashCode() {
        int hash = Boolean.hashCode(bridge);
        hash = 31 * hash + type;
        hash = 31 * hash + Objects.hashCode(dataContent);
        hash = 31 * hash + Objects.hashCode(from);
        hash = 31 * hash + Objects.hashCode(to);
        hash = 31 * hash + Objects.hashCode(fp);
        hash = 31 * hash + Boolean.hashCode(qos);
        hash = 31 * hash + typeu;
        return 31 * hash + Long.hashCode(sm);
    }

    @Override
    public String toString() {
        return "Packet[bridge=" + bridge + ", type=" + type + ", dataContent=" + dataContent + ", from=" + from
                + ", to=" + to + ", fp=" + fp + ", qos=" + qos + ", typeu=" + typeu + ", sm=" + sm + "]";
    }
}
