package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input for each framing, from fixed seeds (a failure names its seed, so it can be replayed):
 * the decoders never throw out of the pipeline (except the TCP decoder's deliberate failure past the discard
 * limit), never buffer more than one unit within the limit, and answer every over-limit unit with 303 and every
 * empty TCP frame or binary WebSocket message with 304, in order, next to the well-formed units.
 */
class DecoderFuzzTest {

    private static final long BASE_SEED = 20_261_202L;
    private static final int RUNS = 300;
    private static final int MAX = 256;
    private static final int MAX_DISCARD = 1024;
    private static final int HEADER = TcpFrameDecoder.HEADER_BYTES;

    @Test
    void tcpDecoderKeepsModelOrderAndBoundsOverRandomFrames() {
        forEachSeed(this::tcpRun);
    }

    @Test
    void tcpDecoderSurvivesRandomBytes() {
        forEachSeed(seed -> {
            Random random = new Random(seed);
            TcpFrameDecoder decoder = new TcpFrameDecoder(MAX, MAX_DISCARD);
            EmbeddedChannel channel = new EmbeddedChannel(decoder);
            byte[] noise = new byte[random.nextInt(8192)];
            random.nextBytes(noise);
            boolean failed = writeInChunks(channel, decoder, noise, random);
            for (Object out : drain(channel)) {
                InboundFrame frame = (InboundFrame) out;
                if (frame.isRejected()) {
                    assertThat(frame.errorCode()).isIn(ErrorCode.TOO_LARGE, ErrorCode.MALFORMED);
                }
                else {
                    assertThat(frame.utf8().length).as("a body within the limit")
                            .isLessThanOrEqualTo(MAX);
                }
            }
            assertThat(failed || Buffered.bytesIn(decoder) <= HEADER + MAX).isTrue();
        });
    }

    @Test
    void webSocketAssemblerKeepsModelOrderAndBoundsOverRandomFragments() {
        forEachSeed(seed -> {
            Random random = new Random(seed);
            WebSocketMessageAssembler assembler = new WebSocketMessageAssembler(MAX);
            EmbeddedChannel channel = new EmbeddedChannel(assembler);
            List<Object> expected = new ArrayList<>();
            List<WebSocketFrame> sent = new ArrayList<>();
            for (int message = random.nextInt(20); message > 0; message--) {
                int kind = random.nextInt(4);
                int fragments = 1 + random.nextInt(4);
                if (kind == 3) {
                    sent.add(new ContinuationWebSocketFrame(true, 0, "stray"));
                    continue;
                }
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < fragments; i++) {
                    String piece = ascii(random, random.nextInt(MAX / 2));
                    text.append(piece);
                    boolean last = i == fragments - 1;
                    sent.add(i > 0 ? new ContinuationWebSocketFrame(last, 0, piece)
                            : kind == 2 ? new BinaryWebSocketFrame(last, 0, Unpooled.copiedBuffer(piece,
                                    StandardCharsets.US_ASCII)) : new TextWebSocketFrame(last, 0, piece));
                }
                expected.add(kind == 2 ? ErrorCode.MALFORMED : text.length() > MAX ? ErrorCode.TOO_LARGE
                        : text.toString());
            }
            for (WebSocketFrame frame : sent) {
                channel.writeInbound(frame);
                assertThat(Buffered.bytesIn(assembler)).isLessThanOrEqualTo(MAX);
            }
            assertThat(outcomes(drain(channel))).isEqualTo(expected);
            // Netty's shared empty buffer ignores release, so only frames with content can show a leak.
            assertThat(sent).allMatch(frame -> frame.refCnt() == 0 || frame.content().capacity() == 0);
        });
    }

    @Test
    void udpHandlerAnswersEachDatagramAndKeepsTheTableBounded() {
        forEachSeed(seed -> {
            Random random = new Random(seed);
            RecordingHub hub = new RecordingHub();
            UdpPeerTable peers = new UdpPeerTable(hub,
                    new ImServerConfig().getUdp().setMaxPeers(5).setMaxConnectionsPerAddress(3));
            EmbeddedChannel channel = new EmbeddedChannel(new UdpDatagramHandler(peers, MAX));
            for (int datagram = random.nextInt(60); datagram > 0; datagram--) {
                byte[] content = new byte[random.nextInt(MAX * 2)];
                random.nextBytes(content);
                InetSocketAddress sender = new InetSocketAddress("127.0.0." + (1 + random.nextInt(3)),
                        1 + random.nextInt(6));
                int frames = hub.frames.size();
                int refusals = hub.refusals.size();

                channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(content),
                        new InetSocketAddress("127.0.0.1", 7901), sender));

                assertThat(peers.size()).isLessThanOrEqualTo(5);
                if (hub.refusals.size() == refusals) {
                    InboundFrame frame = hub.frames.get(frames).frame();
                    assertThat(frame.errorCode()).isEqualTo(content.length > MAX ? ErrorCode.TOO_LARGE : 0);
                }
                else {
                    assertThat(hub.frames).hasSize(frames);
                }
            }
            channel.checkException();
        });
    }

    /** Valid, empty, oversized and mutated frames in random chunks, sometimes ending in a 2^31-1 length. */
    private void tcpRun(long seed) {
        Random random = new Random(seed);
        TcpFrameDecoder decoder = new TcpFrameDecoder(MAX, MAX_DISCARD);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Object> expected = new ArrayList<>();
        for (int unit = random.nextInt(30); unit > 0; unit--) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    String body = ascii(random, 1 + random.nextInt(MAX));
                    stream.writeBytes(TcpFrameDecoderTest.frame(body));
                    expected.add(body);
                }
                case 1 -> {
                    stream.writeBytes(TcpFrameDecoderTest.header(0));
                    expected.add(ErrorCode.MALFORMED);
                }
                case 2 -> {
                    int length = MAX + 1 + random.nextInt(MAX_DISCARD - MAX);
                    stream.writeBytes(TcpFrameDecoderTest.header(length));
                    byte[] body = new byte[length];
                    random.nextBytes(body);
                    stream.writeBytes(body);
                    expected.add(ErrorCode.TOO_LARGE);
                }
                default -> {
                    byte[] body = ascii(random, 1 + random.nextInt(MAX)).getBytes(StandardCharsets.US_ASCII);
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                    stream.writeBytes(TcpFrameDecoderTest.concat(TcpFrameDecoderTest.header(body.length), body));
                    expected.add(new String(body, StandardCharsets.UTF_8));
                }
            }
        }
        boolean endsHuge = random.nextBoolean();
        if (endsHuge) {
            stream.writeBytes(TcpFrameDecoderTest.header(Integer.MAX_VALUE));
            stream.writeBytes(new byte[MAX_DISCARD + 1 + random.nextInt(4096)]);
            expected.add(ErrorCode.TOO_LARGE);
        }

        boolean failed = writeInChunks(channel, decoder, stream.toByteArray(), random);

        assertThat(failed).as("failed past the discard limit").isEqualTo(endsHuge);
        assertThat(outcomes(drain(channel))).isEqualTo(expected);
    }

    /**
     * Writes {@code bytes} in random chunks, checking the buffer bound after each; true when the decoder failed
     * with {@link TooLongFrameException}, which must be the only exception it ever throws.
     */
    private static boolean writeInChunks(EmbeddedChannel channel, TcpFrameDecoder decoder, byte[] bytes,
            Random random) {
        boolean failed = false;
        for (int at = 0; at < bytes.length;) {
            int end = Math.min(bytes.length, at + 1 + random.nextInt(600));
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, at, end)));
            }
            catch (TooLongFrameException expected) {
                failed = true;
            }
            assertThat(Buffered.bytesIn(decoder)).isLessThanOrEqualTo(HEADER + MAX);
            at = end;
        }
        return failed;
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        Object next;
        while ((next = channel.readInbound()) != null) {
            out.add(next);
        }
        return out;
    }

    /** A rejection as its code, anything else as its text. */
    private static List<Object> outcomes(List<Object> frames) {
        return frames.stream().map(InboundFrame.class::cast)
                .map(frame -> frame.isRejected() ? (Object) frame.errorCode() : frame.json()).toList();
    }

    private static String ascii(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    private static void forEachSeed(LongConsumer run) {
        for (long seed = BASE_SEED; seed < BASE_SEED + RUNS; seed++) {
            try {
                run.accept(seed);
            }
            catch (AssertionError failure) {
                throw new AssertionError("Failed with seed " + seed + ": " + failure.getMessage(), failure);
            }
        }
    }
}
