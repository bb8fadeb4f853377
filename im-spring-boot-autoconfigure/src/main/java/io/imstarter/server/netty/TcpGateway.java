package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.GatewayConfig;
import io.imstarter.server.GatewayContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/** TCP: a 4-byte unsigned big-endian body length, then the body (section 5). */
final class TcpGateway extends StreamGateway {

    TcpGateway(GatewayContext context) {
        super(Transport.TCP, context);
    }

    @Override
    protected void addFraming(ChannelPipeline pipeline, GatewayConfig config) {
        pipeline.addLast(ImPipeline.FRAME_DECODER, new TcpFrameDecoder(config.maxInboundSize()));
    }

    @Override
    protected Object frame(Channel channel, byte[] utf8Json) {
        ByteBuf frame = channel.alloc().buffer(4 + utf8Json.length);
        frame.writeInt(utf8Json.length);
        frame.writeBytes(utf8Json);
        return frame;
    }
}
