package io.imstarter.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Transport SPI: one unit a gateway read, either the UTF-8 body of a packet or a rejection the gateway decided on
 * while framing (oversized, empty or binary input). Gateways hand these to {@link Connection#receive(InboundFrame)}.
 * The body is the gateway's own copy, out of any pooled buffer, so it may outlive the read and cross threads.
 *
 * @param utf8 the packet body, null when rejected; owned by the frame from then on, never modified
 * @param errorCode the error code of a rejection, 0 otherwise
 * @param errorMessage the sentence sent back with the rejection
 */
public record InboundFrame(byte[] utf8, int errorCode, String errorMessage) {

    public static InboundFrame of(byte[] utf8) {
        return new InboundFrame(utf8, 0, null);
    }

    public static InboundFrame rejected(int errorCode, String errorMessage) {
        return new InboundFrame(null, errorCode, errorMessage);
    }

    public boolean isRejected() {
        return errorCode != 0;
    }

    /** The body as text, decoded on each call, for messages and logs; null when rejected. */
    public String json() {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InboundFrame that && Arrays.equals(utf8, that.utf8) && errorCode == that.errorCode
                && Objects.equals(errorMessage, that.errorMessage);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(utf8) + errorCode) + Objects.hashCode(errorMessage);
    }

    @Override
    public String toString() {
        return isRejected() ? "InboundFrame[rejected " + errorCode + ": " + errorMessage + "]"
                : "InboundFrame[" + json() + "]";
    }
}
