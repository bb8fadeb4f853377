package io.imstarter.bench.client;

import java.nio.charset.StandardCharsets;

/**
 * The two packets a load run sends most, built by concatenation instead of Gson so the generator spends its CPU
 * on the server under test. Only for ids, fingerprints and content made of letters, digits, '-' and ':', which
 * need no escaping; the output is then byte-identical to {@code PacketCodec.encode} (a test checks this).
 */
public final class WireTemplates {

    private WireTemplates() {
    }

    /** A QoS type 2 with {@code typeu} 0. */
    public static byte[] qosData(String from, String to, String fp, String content) {
        return ("{\"bridge\":false,\"type\":2,\"dataContent\":\"" + content + "\",\"from\":\"" + from + "\",\"to\":\""
                + to + "\",\"fp\":\"" + fp + "\",\"QoS\":true,\"typeu\":0,\"sm\":-1}").getBytes(StandardCharsets.US_ASCII);
    }

    /** The type 4 acknowledging {@code fp}, from the receiver to the original sender. */
    public static byte[] ack(String from, String to, String fp) {
        return ("{\"bridge\":false,\"type\":4,\"dataContent\":\"" + fp + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}").getBytes(StandardCharsets.US_ASCII);
    }
}
