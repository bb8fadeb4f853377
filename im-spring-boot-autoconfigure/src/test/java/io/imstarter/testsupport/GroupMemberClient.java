package io.imstarter.testsupport;

import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A group member on a {@link RawClient} that behaves as a stock MobileIMSDK client does with type 2 packets: it ACKs
 * each on arrival (to the packet's {@code from}) and hands a fingerprint to its application only the first time. A
 * background thread does the receiving; {@link #withholdAcks} makes it stop ACKing, as a member whose ACKs are lost.
 */
public final class GroupMemberClient implements AutoCloseable {

    /** What the member's application got: one entry per fingerprint, in arrival order. */
    public record Delivered(Packet packet, String sender, long seq) {
    }

    private final String userId;
    private final RawClient client;
    private final List<Delivered> delivered = new ArrayList<>();
    private final Set<String> seenFps = new HashSet<>();
    private final AtomicInteger copies = new AtomicInteger();
    private final AtomicBoolean withholding = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread receiver;

    public GroupMemberClient(String userId, RawClient client) {
        this.userId = userId;
        this.client = client;
        this.receiver = new Thread(this::receiveLoop, "member-" + userId);
        receiver.setDaemon(true);
        receiver.start();
    }

    public String userId() {
        return userId;
    }

    public RawClient client() {
        return client;
    }

    public void withholdAcks(boolean withhold) {
        withholding.set(withhold);
    }

    /** Every copy received, re-sent ones included. */
    public int copies() {
        return copies.get();
    }

    public synchronized List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    /** The sequence numbers the application got, in order. */
    public synchronized List<Long> seqs() {
        return delivered.stream().map(Delivered::seq).toList();
    }

    private void receiveLoop() {
        while (running.get() && !client.isClosed()) {
            Received received = client.inbox().poll(packet -> packet != null && packet.type() == PacketType.DATA,
                    Duration.ofMillis(100));
            if (received == null) {
                continue;
            }
            Packet packet = received.packet();
            copies.incrementAndGet();
            if (!withholding.get()) {
                client.send(Wire.ack(userId, packet.from(), packet.fp()));
            }
            GroupEnvelope.Copy copy = GroupEnvelope.read(received.text());
            synchronized (this) {
                if (seenFps.add(packet.fp())) {
                    delivered.add(new Delivered(packet, copy == null ? null : copy.sender(),
                            copy == null ? -1 : copy.seq()));
                }
            }
        }
    }

    /** Stops receiving; the connection stays as it is. */
    public void stopReceiving() {
        running.set(false);
        try {
            receiver.join(5000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopReceiving();
        client.close();
    }
}
