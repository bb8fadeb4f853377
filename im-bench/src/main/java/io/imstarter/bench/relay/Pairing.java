package io.imstarter.bench.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Matches connections that name the same pair id; the first waits, the second completes the pair and moves onto the
 * first's event loop, so that the two never hand each other a task.
 */
final class Pairing {

    static final AttributeKey<Channel> PEER = AttributeKey.valueOf("im-bench.relay.peer");
    static final AttributeKey<String> PAIR_ID = AttributeKey.valueOf("im-bench.relay.pair");

    private final Map<String, Channel> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final int maxConnections;
    private final LongAdder unpairedFrames = new LongAdder();
    private final LongAdder crossLoopForwards = new LongAdder();

    Pairing(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Counts a new connection; false when the table is full and the connection must be closed. */
    boolean admit() {
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Joins {@code channel} to the pair {@code pairId}: it waits, or completes the pair with the waiting one. The
     * future completes, on the channel's (possibly new) event loop, once the channel is where it will stay.
     */
    ChannelFuture join(String pairId, Channel channel) {
        channel.attr(PAIR_ID).set(pairId);
        Channel[] partner = new Channel[1];
        waiting.compute(pairId, (id, waiter) -> {
            if (waiter == null || !waiter.isActive()) {
                return channel;
            }
            partner[0] = waiter;
            return null;
        });
        if (partner[0] == null) {
            return channel.newSucceededFuture();
        }
        return moveTo(channel, partner[0].eventLoop()).addListener(moved -> {
            if (moved.isSuccess()) {
                partner[0].attr(PEER).set(channel);
                channel.attr(PEER).set(partner[0]);
            }
        });
    }

    /** Re-registers {@code channel} with {@code loop}; the socket keeps its unread bytes meanwhile. */
    private static ChannelFuture moveTo(Channel channel, EventLoop loop) {
        if (channel.eventLoop() == loop) {
            return channel.newSucceededFuture();
        }
        ChannelPromise registered = channel.newPromise();
        channel.deregister().addListener(deregistered -> {
            if (!deregistered.isSuccess()) {
                registered.setFailure(deregistered.cause());
                return;
            }
            loop.register(registered);
        });
        return registered;
    }

    void leave(Channel channel) {
        connections.decrementAndGet();
        String pairId = channel.attr(PAIR_ID).get();
        if (pairId != null) {
            waiting.remove(pairId, channel);
        }
        Channel partner = channel.attr(PEER).get();
        if (partner != null) {
            partner.attr(PEER).set(null);
        }
    }

    void unpaired() {
        unpairedFrames.increment();
    }

    long unpairedFrames() {
        return unpairedFrames.sum();
    }

    void crossedLoops() {
        crossLoopForwards.increment();
    }

    long crossLoopForwards() {
        return crossLoopForwards.sum();
    }
}
