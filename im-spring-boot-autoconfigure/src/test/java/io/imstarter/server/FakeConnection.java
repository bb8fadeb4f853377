package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection without a network: it records what the core writes, or fails the writes as a closed socket would. */
final class FakeConnection extends Connection {

    private static final AtomicInteger PORTS = new AtomicInteger(10_000);

    private final List<Packet> written = new CopyOnWriteArrayList<>();
    private volatile boolean failWrites;

    FakeConnection(ConnectionHub hub) {
        super(Transport.TCP, new InetSocketAddress("127.0.0.1", PORTS.incrementAndGet()), hub);
    }

    @Override
    protected CompletionStage<Void> writePacket(Packet packet) {
        if (failWrites) {
            return CompletableFuture.failedFuture(new IOException("the fake connection refuses writes"));
        }
        written.add(packet);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected void closeTransport() {
        transportClosed();
    }

    /** From now on every write fails. */
    void failWrites() {
        failWrites = true;
    }

    List<Packet> written() {
        return List.copyOf(written);
    }
}
