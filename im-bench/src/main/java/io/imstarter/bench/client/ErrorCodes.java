package io.imstarter.bench.client;

import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;

/** Reads the code of a type 52; -1 when its payload is unreadable, so such errors are still counted. */
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
}
