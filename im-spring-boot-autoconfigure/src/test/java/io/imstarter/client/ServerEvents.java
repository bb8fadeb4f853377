package io.imstarter.client;

import io.imstarter.protocol.Packet;
import io.imstarter.server.ImServerListener;
import io.imstarter.server.KickReason;
import io.imstarter.server.SessionInfo;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records what a real server reports, for assertions. */
final class ServerEvents implements ImServerListener {

    final Queue<SessionInfo> logins = new ConcurrentLinkedQueue<>();
    final Queue<KickReason> kicks = new ConcurrentLinkedQueue<>();
    final Queue<Packet> c2s = new ConcurrentLinkedQueue<>();
    final Queue<Packet> s2cAcked = new ConcurrentLinkedQueue<>();
    final Queue<Packet> s2cLost = new ConcurrentLinkedQueue<>();

    @Override
    public void onLoggedIn(SessionInfo session) {
        logins.add(session);
    }

    @Override
    public void onKicked(SessionInfo session, KickReason reason) {
        kicks.add(reason);
    }

    @Override
    public void onC2SReceived(Packet message, SessionInfo sender) {
        c2s.add(message);
    }

    @Override
    public void onS2CAcked(Packet message) {
        s2cAcked.add(message);
    }

    @Override
    public void onS2CLost(List<Packet> messages) {
        s2cLost.addAll(messages);
    }

    long loginsOf(String userId) {
        return logins.stream().filter(session -> session.userId().equals(userId)).count();
    }
}
