package io.imstarter.testsupport;

import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.Packet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one raw client received, in arrival order; thread-safe. {@link #await} claims a packet so that waiting for
 * "the next 51" twice needs two 51s, while {@link #all()} keeps the full history. Bounded: a client that is
 * flooded past {@link #CAPACITY} fails the next assertion instead of eating the heap.
 */
public final class Inbox {

    /** More than any test here provokes; reaching it means the server floods. */
    public static final int CAPACITY = 20_000;

    private final List<Received> all = new ArrayList<>();
    private final List<Received> unclaimed = new ArrayList<>();
    private boolean overflowed;
    private boolean closed;

    void add(byte[] body, long nanoTime) {
        String text = new String(body, StandardCharsets.UTF_8);
        Packet packet;
        try {
            packet = PacketCodec.decode(text);
        }
        catch (MalformedPacketException ex) {
            packet = null;
        }
        Received received = new Received(packet, text, body.length, nanoTime);
        synchronized (this) {
            if (all.size() >= CAPACITY) {
                overflowed = true;
                return;
            }
            all.add(received);
            unclaimed.add(received);
            notifyAll();
        }
    }

    synchronized void markClosed() {
        closed = true;
        notifyAll();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Claims the first unclaimed packet matching {@code filter}, waiting up to {@code timeout}. */
    public Received await(Predicate<Packet> filter, Duration timeout) {
        Received match = poll(filter, timeout);
        if (match == null) {
            throw new AssertionError("No packet matching " + filter + " within " + timeout + "; received so far: "
                    + texts());
        }
        return match;
    }

    /** As {@link #await} but returns null when nothing matches within {@code timeout}. */
    public Received poll(Predicate<Packet> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                checkNotOverflowed();
                Received match = claim(filter);
                if (match != null) {
                    return match;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                waitNanos(left);
            }
        }
    }

    /** Waits until the peer closed the connection (TCP/WS); fails after {@code timeout}. */
    public void awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Connection still open after " + timeout + "; received: " + texts());
                }
                waitNanos(left);
            }
        }
    }

    /** Every decoded packet received so far, claimed or not. */
    public synchronized List<Packet> packets() {
        checkNotOverflowed();
        return all.stream().map(Received::packet).filter(p -> p != null).toList();
    }

    public synchronized List<Received> all() {
        checkNotOverflowed();
        return List.copyOf(all);
    }

    /** Packets matching {@code filter} received so far, claimed or not. */
    public List<Packet> matching(Predicate<Packet> filter) {
        return packets().stream().filter(filter).toList();
    }

    private Received claim(Predicate<Packet> filter) {
        for (Iterator<Received> it = unclaimed.iterator(); it.hasNext();) {
            Received candidate = it.next();
            if (candidate.packet() != null && filter.test(candidate.packet())) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    private void checkNotOverflowed() {
        if (overflowed) {
            throw new AssertionError("The server sent more than " + CAPACITY + " packets to one test client");
        }
    }

    synchronized List<String> texts() {
        return all.stream().map(r -> r.text().length() > 300 ? r.text().substring(0, 300) + "..." : r.text())
                .toList();
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a packet", ex);
        }
    }
}
