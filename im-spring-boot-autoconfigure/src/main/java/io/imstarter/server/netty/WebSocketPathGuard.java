package io.imstarter.server.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Answers every HTTP request that is not a WebSocket upgrade on the configured path with an error and a close
 * (404 for another path, 400 for a plain request), and drops the query string so the upgrade matches the path.
 * Stateless, so one instance serves every channel of the gateway; it leaves a channel's pipeline once the upgrade is
 * done and no HTTP request can follow.
 */
@ChannelHandler.Sharable
final class WebSocketPathGuard extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final String path;

    WebSocketPathGuard(String path) {
        super(false);
        this.path = path;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestedPath = new QueryStringDecoder(request.uri()).path();
        if (!path.equals(requestedPath)) {
            reject(ctx, request, HttpResponseStatus.NOT_FOUND, "No WebSocket endpoint at " + requestedPath
                    + "; use " + path);
            return;
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            reject(ctx, request, HttpResponseStatus.BAD_REQUEST, "Expected a WebSocket upgrade request");
            return;
        }
        request.setUri(path);
        ctx.fireChannelRead(request);
    }

    private static void reject(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String message) {
        request.release();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
