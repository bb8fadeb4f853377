package io.imstarter.server.netty;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.server.Connection;
import io.imstarter.server.ConnectionHub;
import io.netty.channel.Channel;
import io.netty.channel.DefaultAddressedEnvelope;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A UDP peer: packets go out of the shared channel addressed to it; closing forgets it. */
final class UdpConnection extends Connection {

    private final Channel channel;
    private final Consumer<UdpConnection> forget;
    private volatile long lastInboundMillis = System.currentTimeMillis();

    UdpConnection(InetSocketAddress peer, Channel channel, ConnectionHub hub, Consumer<UdpConnection> forget) {
        super(Transport.UDP, peer, hub);
        this.channel = channel;
        this.forget = forget;
    }

    @Override
    protected CompletionStage<Void> writePacket(Packet packet) {
        return NettyWrites.completion(channel.writeAndFlush(new DefaultAddressedEnvelope<>(packet, remoteAddress())));
    }

    @Override
    protected void closeTransport() {
        forget.accept(this);
        transportClosed();
    }

    void touch() {
        lastInboundMillis = System.currentTimeMillis();
    }

    boolean idleLongerThan(long millis, long now) {
        return now - lastInboundMillis > millis;
    }
}
