package io.imstarter.server.netty;

import io.imstarter.server.ConnectionHub;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.netty.ConnectionLimits.Admission;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The UDP gateway's pseudo-connections, one per remote address, bounded by {@code max-peers} and
 * {@code max-connections-per-address}. When the table is full, the oldest peer that has not logged in makes room for
 * a newcomer; logged-in peers are never evicted, so when every peer is logged in (or the newcomer's address is at
 * its cap) the newcomer gets 52/305 and stays out. A peer is looked up and admitted on the event loop of the channel
 * its datagrams arrive on (with several channels on the port, the kernel keeps a peer's datagrams on one); peers
 * leave from any thread.
 */
final class UdpPeerTable {

    private final ConnectionHub hub;
    private final ConnectionLimits limits;
    private final Map<InetSocketAddress, UdpConnection> peers = new ConcurrentHashMap<>();
    /** Peers in the order they came, candidates for eviction until they log in; pruned by every sweep. */
    private final Deque<UdpConnection> notLoggedIn = new ConcurrentLinkedDeque<>();

    UdpPeerTable(ConnectionHub hub, ImServerConfig.Gateway config) {
        this.hub = hub;
        this.limits = new ConnectionLimits(config);
    }

    /** The peer at {@code sender}, admitted now if new; null when the caps refused it (it was answered 52/305). */
    UdpConnection peer(InetSocketAddress sender, Channel channel) {
        UdpConnection known = peers.get(sender);
        return known != null ? known : admit(sender, channel);
    }

    private UdpConnection admit(InetSocketAddress sender, Channel channel) {
        Admission admission = limits.tryAdmit(sender.getAddress());
        if (admission == Admission.TOTAL_FULL && evictOldestNotLoggedIn()) {
            admission = limits.tryAdmit(sender.getAddress());
        }
        UdpConnection peer = new UdpConnection(sender, channel, hub, this::forget);
        if (admission != Admission.ADMITTED) {
            peer.refuse(limits.refusal(admission));
            return null;
        }
        peers.put(sender, peer);
        notLoggedIn.add(peer);
        peer.opened(channel.eventLoop());
        return peer;
    }

    /** Forgets the oldest peer that has not logged in; false when there is none. */
    private boolean evictOldestNotLoggedIn() {
        UdpConnection oldest;
        while ((oldest = notLoggedIn.poll()) != null) {
            if (!oldest.isClosed() && !oldest.isLoggedIn()) {
                oldest.closeTransport();
                return true;
            }
        }
        return false;
    }

    private void forget(UdpConnection peer) {
        if (peers.remove(peer.remoteAddress(), peer)) {
            limits.release(peer.remoteAddress().getAddress());
        }
    }

    int size() {
        return peers.size();
    }

    /** Closes peers silent for longer than {@code idleMillis} and drops evicted or logged-in eviction candidates. */
    void sweep(long idleMillis) {
        notLoggedIn.removeIf(peer -> peer.isClosed() || peer.isLoggedIn());
        long now = System.currentTimeMillis();
        for (UdpConnection peer : peers.values()) {
            if (peer.idleLongerThan(idleMillis, now)) {
                peer.idleTimedOut();
            }
        }
    }

    void closeAll() {
        new ArrayList<>(peers.values()).forEach(UdpConnection::closeTransport);
    }
}
