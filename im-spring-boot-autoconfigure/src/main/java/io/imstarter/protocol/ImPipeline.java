package io.imstarter.protocol;

/**
 * Names of the handlers the gateways install, in pipeline order.
 *
 * <pre>
 * TCP:       [ssl] -> idle -> frameDecoder -> frameEncoder -> packetHandler
 * WebSocket: [ssl] -> idle -> httpCodec -> httpAggregator -> wsPathGuard -> wsProtocol -> wsFrameAggregator
 *            -> wsFrameCodec -> packetHandler
 * UDP:       datagramHandler
 * </pre>
 */
public final class ImPipeline {

    public static final String SSL = "ssl";
    public static final String IDLE = "idle";
    public static final String FRAME_DECODER = "frameDecoder";
    public static final String FRAME_ENCODER = "frameEncoder";
    public static final String HTTP_CODEC = "httpCodec";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    public static final String WS_PATH_GUARD = "wsPathGuard";
    public static final String WS_PROTOCOL = "wsProtocol";
    public static final String WS_FRAME_AGGREGATOR = "wsFrameAggregator";
    public static final String WS_FRAME_CODEC = "wsFrameCodec";
    public static final String PACKET_HANDLER = "packetHandler";
    public static final String DATAGRAM_HANDLER = "datagramHandler";

    private ImPipeline() {
    }
}
