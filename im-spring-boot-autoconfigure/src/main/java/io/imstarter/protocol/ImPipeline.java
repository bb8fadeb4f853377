package io.imstarter.protocol;

/**
 * Names of the Netty handlers that the server's gateways and the client install, shared so that a handler with the
 * same job has the same name on both sides. Inbound data flows left to right, outbound right to left.
 *
 * <pre>
 * Server
 *   TCP        [ssl] - frameDecoder - frameEncoder - packetEncoder - packetHandler
 *   WebSocket  [ssl] - httpCodec - httpAggregator - wsPathGuard - readDeadline - wsProtocol
 *              - wsFrameAggregator - wsFrameEncoder - packetEncoder - packetHandler
 *   UDP        packetEncoder - packetHandler                    (one channel for every peer)
 * Client
 *   TCP        [ssl] - frameDecoder - frameEncoder - packetDecoder - packetHandler
 *   WebSocket  [ssl] - httpCodec - httpAggregator - wsProtocol - wsFrameAggregator - wsFrameCodec
 *              - packetDecoder - packetHandler
 *   UDP        datagramDecoder - packetDecoder - packetHandler
 * </pre>
 *
 * <p>The server's {@code packetHandler} is the connection itself, one per channel: it also stops reading while the
 * channel cannot take more writes and closes a slow consumer, and on TCP, whose frame decoder passes on whole packets
 * only, it keeps the read deadlines that WebSocket has as {@code readDeadline}. It hands the JSON text to the core,
 * whose {@code ServerCore} decodes it still on the event loop and runs there what never blocks, passing the rest to
 * the dispatch pool; the {@code packetEncoder} turns a packet into a body and enforces the outbound limit. The client encodes in its link,
 * which bounds the bytes waiting to be sent, so it has no packet encoder. Netty's {@code wsProtocol} handlers insert
 * their own handshake handler and UTF-8 validator in front of themselves when added.
 */
public final class ImPipeline {

    /** TLS, when configured. */
    public static final String SSL = "ssl";
    /** TCP: a 4-byte big-endian length, then the body (section 5). */
    public static final String FRAME_DECODER = "frameDecoder";
    /**
     * Server WebSocket: closes a connection that read nothing for the idle timeout, or whose started message or
     * handshake does not complete within the frame timeout.
     */
    public static final String READ_DEADLINE = "readDeadline";
    /** TCP: prepends the 4-byte length. */
    public static final String FRAME_ENCODER = "frameEncoder";
    /** Client UDP: a datagram's content is one body. */
    public static final String DATAGRAM_DECODER = "datagramDecoder";
    public static final String HTTP_CODEC = "httpCodec";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    /** Server WebSocket: answers 404 to any path but the configured one. */
    public static final String WS_PATH_GUARD = "wsPathGuard";
    /** WebSocket upgrade, ping/pong and close. */
    public static final String WS_PROTOCOL = "wsProtocol";
    /** WebSocket: joins continuation frames into one message. */
    public static final String WS_FRAME_AGGREGATOR = "wsFrameAggregator";
    /** Server WebSocket: a body goes out as a text frame. */
    public static final String WS_FRAME_ENCODER = "wsFrameEncoder";
    /** Client WebSocket: text frames to bodies and back. */
    public static final String WS_FRAME_CODEC = "wsFrameCodec";
    /** Client: a body to a packet. */
    public static final String PACKET_DECODER = "packetDecoder";
    /** Server: a packet to a body (or a datagram), refusing one over the outbound limit. */
    public static final String PACKET_ENCODER = "packetEncoder";
    /** The last handler: hands inbound packets to the server core or the client's link. */
    public static final String PACKET_HANDLER = "packetHandler";

    private ImPipeline() {
    }
}
