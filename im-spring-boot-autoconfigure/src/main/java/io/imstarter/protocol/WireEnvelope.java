package io.imstarter.protocol;

import com.google.gson.annotations.SerializedName;

/**
 * The envelope as default Gson maps it (section 2), filled by Gson or by {@link EnvelopeReader}: no initializers,
 * so absent keys stay zero.
 */
final class WireEnvelope {

    boolean bridge;

    int type;

    String dataContent;

    String from;

    String to;

    String fp;

    @SerializedName("QoS")
    boolean qos;

    int typeu;

    long sm;

    Packet toPacket() {
        return toPacket(null);
    }

    /** The packet, remembering the body it was read from (see {@link Packet#utf8()}), or null. */
    Packet toPacket(byte[] utf8) {
        return new Packet(bridge, type, dataContent, from, to, fp, qos, typeu, sm, utf8);
    }
}
