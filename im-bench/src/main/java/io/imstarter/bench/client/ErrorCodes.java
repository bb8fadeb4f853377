package io.imstarter.bench.client;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;

/** Reads a type 52: its code (-1 when its payload is unreadable, so such errors are still counted), and what it refused. */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    public static int of(Packet error) {
        try {
            return PacketCodec.decodePayload(error.dataContent(), ErrorResponse.class).errorCode();
        }
        catch (MalformedPacketException ex) {
            return -1;
        }
    }

    /**
     * The fingerprint a 52/305 refused: its text ends with {@code fp=<fp>} (wire protocol section 4); null for any
     * other error or an unreadable one.
     */
    public static String rateLimitedFingerprint(Packet error) {
        ErrorResponse response;
        try {
            response = PacketCodec.decodePayload(error.dataContent(), ErrorResponse.class);
        }
        catch (MalformedPacketException ex) {
            return null;
        }
        String marker = " fp=";
        int at = response.errorMsg() == null ? -1 : response.errorMsg().lastIndexOf(marker);
        if (response.errorCode() != ErrorCode.RATE_LIMITED || at < 0) {
            return null;
        }
        return response.errorMsg().substring(at + marker.length());
    }
}
