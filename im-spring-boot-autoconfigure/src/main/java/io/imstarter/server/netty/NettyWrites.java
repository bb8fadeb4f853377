package io.imstarter.server.netty;

import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Turns a Netty write's future into the plain future that {@code Connection} works with. */
final class NettyWrites {

    private NettyWrites() {
    }

    static CompletionStage<Void> completion(ChannelFuture write) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        write.addListener(done -> {
            if (done.isSuccess()) {
                written.complete(null);
            }
            else {
                written.completeExceptionally(done.cause());
            }
        });
        return written;
    }
}
