package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServerConfig;
import io.netty.channel.ChannelPipeline;

/** TCP: a 4-byte unsigned big-endian body length, then the body (section 5). */
final class TcpGateway extends StreamGateway {

    TcpGateway(GatewayContext context) {
        super(Transport.TCP, context);
    }

    /** The decoder passes on whole packets only, so the connection at the end sees what the deadlines need. */
    @Override
    boolean addFraming(ChannelPipeline pipeline, ImServerConfig.Gateway config, ReadDeadlineHandler readDeadline) {
        pipeline.addLast(ImPipeline.FRAME_DECODER,
                new TcpFrameDecoder(config.maxInboundBytes(), ((ImServerConfig.Tcp) config).maxDiscard()));
        pipeline.addLast(ImPipeline.FRAME_ENCODER, TcpFrameEncoder.INSTANCE);
        return false;
    }
}
