package io.imstarter.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import java.net.PortUnreachableException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last handler: hands decoded packets and the WebSocket upgrade outcome to its {@link Link}. Thin on purpose. */
final class LinkHandler extends SimpleChannelInboundHandler<Inbound> {

    private static final Logger log = LoggerFactory.getLogger(LinkHandler.class);

    private final Link link;

    LinkHandler(Link link) {
        super(Inbound.class);
        this.link = link;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Inbound inbound) {
        link.received(inbound);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            link.markReady();
        }
        else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            link.fail(new TimeoutException("the WebSocket upgrade was not answered in time"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PortUnreachableException) {
            // UDP: nobody listens right now. The link stays open; the client decides what that means.
            log.debug("{}: server port unreachable", link);
            link.portUnreachable();
        }
        else if (cause instanceof DecoderException && !(cause.getCause() instanceof SSLException)) {
            // An oversized or broken frame was discarded; the framing is intact, so the link stays.
            log.warn("{}: discarded an unreadable frame: {}", link, cause.getMessage());
        }
        else {
            log.debug("{}: closing after an I/O error", link, cause);
            link.fail(cause);
        }
    }
}
