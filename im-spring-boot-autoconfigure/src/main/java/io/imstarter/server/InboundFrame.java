package io.imstarter.server;

/**
 * Transport SPI: one unit a gateway read, either the JSON text of a packet or a rejection the gateway decided on
 * while framing (oversized, empty or binary input). Gateways hand these to {@link Connection#receive(InboundFrame)}.
 *
 * @param json the packet text, null when rejected
 * @param errorCode the error code of a rejection, 0 otherwise
 * @param errorMessage the sentence sent back with the rejection
 */
public record InboundFrame(String json, int errorCode, String errorMessage) {

    public static InboundFrame of(String json) {
        return new InboundFrame(json, 0, null);
    }

    public static InboundFrame rejected(int errorCode, String errorMessage) {
        return new InboundFrame(null, errorCode, errorMessage);
    }

    public boolean isRejected() {
        return errorCode != 0;
    }
}
