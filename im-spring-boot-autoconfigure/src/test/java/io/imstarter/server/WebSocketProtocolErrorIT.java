package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.DataSize;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RawSocket.ServerFrame;
import io.imstarter.testsupport.RawSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10: a WebSocket protocol error is answered with exactly one close frame carrying its status (RFC 6455
 * section 7.4.1), then the close; Netty alone would add a second one (1000). The message limit is 1 KiB here, so
 * the hard ceiling is 4 KiB.
 */
class WebSocketProtocolErrorIT {

    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.getWebsocket().setMaxFrameSize(DataSize.ofKilobytes(1)));

    @Test
    @DisplayName("a frame past the hard ceiling gets one close frame, 1009")
    void frameBeyondTheCeilingGets1009() {
        assertOneCloseFrame(RawSocket.clientFrameHeader(FIN | RawSocket.TEXT, 4 * 1024 + 1), 1009);
    }

    @Test
    @DisplayName("a reserved bit without an extension gets one close frame, 1002")
    void protocolViolationGets1002() {
        assertOneCloseFrame(RawSocket.clientFrame(FIN | RSV1 | RawSocket.TEXT, "{}".getBytes(StandardCharsets.UTF_8)),
                1002);
    }

    @Test
    @DisplayName("a text message that is not UTF-8 gets one close frame, 1007")
    void badUtf8Gets1007() {
        assertOneCloseFrame(RawSocket.clientFrame(FIN | RawSocket.TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'}),
                1007);
    }

    private static void assertOneCloseFrame(byte[] offending, int status) {
        try (RawSocket socket = RawSocket.webSocket(im.address(Transport.WEBSOCKET), "/websocket")) {

            socket.write(offending);

            socket.awaitClosedByServer(RawClient.TIMEOUT);
            List<ServerFrame> closes = socket.serverFrames().stream()
                    .filter(frame -> frame.opcode() == RawSocket.CLOSE).toList();
            assertThat(closes).hasSize(1);
            assertThat(closes.get(0).closeStatus()).isEqualTo(status);
        }
    }
}
