package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RawSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10: a TCP frame declared over the limit gets 52/303 and its body is discarded as it comes, but only up to
 * {@code max-discard-bytes} (the default, 64 KiB): a 2^31-1 prefix followed by endless bytes is closed. That one
 * 6145-byte frame leaves the connection usable under the same default is {@code FramingIT}'s item 19.
 */
class DiscardLimitIT {

    private static final int MAX_DISCARD = new ImServerConfig().getTcp().maxDiscard();
    private static final byte[] CHUNK = new byte[4096];

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    @Test
    @DisplayName("a 2^31-1 length prefix answered 52/303, then closed once more than max-discard-bytes followed")
    void hugePrefixIsClosedAfterMaxDiscardBytes() {
        try (RawSocket socket = new RawSocket(im.address(Transport.TCP))) {
            socket.write(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
            AtomicLong sent = new AtomicLong();

            await().atMost(RawClient.TIMEOUT).until(() -> {
                if (socket.write(CHUNK)) {
                    sent.addAndGet(CHUNK.length);
                }
                return socket.isClosedByServer();
            });

            assertThat(sent.get()).isGreaterThan(MAX_DISCARD).isLessThan(Integer.MAX_VALUE);
            assertThat(socket.received()).as("the 52/303 came first").isNotEmpty();
            assertThat(new String(socket.received(), 4, socket.received().length - 4))
                    .contains("\\\"errorCode\\\":" + ErrorCode.TOO_LARGE);
        }
    }
}
