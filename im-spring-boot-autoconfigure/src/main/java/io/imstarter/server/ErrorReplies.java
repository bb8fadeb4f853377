package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import org.slf4j.LoggerFactory;

/** Sends type 52 error packets (section 4): rate-limited per connection, logged, never echoing the payload. */
final class ErrorReplies {

    private static final int MAX_MESSAGE = 256;
    /** The most bytes one character of an error message takes in the envelope, escaped in payload and envelope. */
    private static final int MAX_WIRE_BYTES_PER_CHAR = 7;

    private final ImServerStats stats;
    private final RateLimitedLog warnings = new RateLimitedLog(LoggerFactory.getLogger(ErrorReplies.class), 20);

    ErrorReplies(ImServerStats stats) {
        this.stats = stats;
    }

    /** Sends error {@code code}; {@code fp}, when not null, is appended as the spec requires. */
    void send(Connection connection, int code, String sentence, String fp) {
        String message = fp == null || fp.isEmpty() ? sentence : sentence + " fp=" + fp;
        if (message.length() > MAX_MESSAGE) {
            message = cutAtCharBoundary(message, MAX_MESSAGE);
        }
        stats.recordRejected();
        warnings.warn("IM rejected a packet from {} (user {}): {} {}", connection.remoteAddress(),
                connection.peerId(), code, message);
        if (connection.tryAcceptError()) {
            connection.writeAndForget(errorPacket(connection.peerId(), code, message));
        }
    }

    /**
     * Sends 52/301 for a packet that needs a login, with the packet re-encoded as the message (MobileIMSDK's
     * format), cut to fit the transport's outbound limit; TCP and WebSocket close once it is written.
     */
    void sendNotLoggedIn(Connection connection, Packet offending, int maxOutboundSize) {
        stats.recordRejected();
        warnings.warn("IM rejected a type {} from {} that is not logged in", offending.type(),
                connection.remoteAddress());
        String message = PacketCodec.encode(offending);
        Packet reply = errorPacket(UserIds.UNKNOWN, ErrorCode.NOT_LOGGED_IN, message);
        while (PacketCodec.encodeToBytes(reply).length > maxOutboundSize && !message.isEmpty()) {
            int excess = PacketCodec.encodeToBytes(reply).length - maxOutboundSize;
            // The excess is in bytes; one character takes up to 7 on the wire once escaped twice ("<" becomes
            // \\u003c), so dropping excess / 7 characters per round never cuts more than needed.
            message = cutAtCharBoundary(message, message.length() - Math.max(excess / MAX_WIRE_BYTES_PER_CHAR, 1));
            reply = errorPacket(UserIds.UNKNOWN, ErrorCode.NOT_LOGGED_IN, message);
        }
        boolean allowed = connection.tryAcceptError();
        if (connection.transport() == Transport.UDP) {
            if (allowed) {
                connection.write(reply);
            }
        }
        else if (allowed) {
            connection.writeThenClose(reply);
        }
        else {
            connection.closeTransport();
        }
    }

    static Packet errorPacket(String to, int code, String message) {
        return Packet.control(PacketType.ERROR, PacketCodec.encodePayload(new ErrorResponse(code, message)),
                UserIds.SERVER, to);
    }

    private static String cutAtCharBoundary(String text, int length) {
        int end = Math.min(length, text.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
