package io.imstarter.testsupport;

import io.imstarter.protocol.Packet;
import io.imstarter.server.ImServerListener;
import io.imstarter.server.KickReason;
import io.imstarter.server.LoginRequest;
import io.imstarter.server.LogoutReason;
import io.imstarter.server.SessionInfo;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every server notification. Queries filter by user id or fingerprint, so records from other tests on a
 * shared server never interfere.
 */
public final class RecordingListener implements ImServerListener {

    /** A kick notification. */
    public record Kick(SessionInfo session, KickReason reason) {
    }

    /** A logout notification. */
    public record Logout(SessionInfo session, LogoutReason reason) {
    }

    private enum Kind {
        LOGGED_IN, LOGIN_FAILED, LOGGED_OUT, KICKED, C2S_RECEIVED, C2C_DELIVERED, C2C_STORED_OFFLINE,
        C2C_UNDELIVERABLE, S2C_ACKED, S2C_LOST
    }

    /** @param key the user id or fingerprint the record is found by */
    private record Event(Kind kind, String key, Object value) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CallbackThreads threads;

    public RecordingListener(CallbackThreads threads) {
        this.threads = threads;
    }

    public List<SessionInfo> loggedIn(String userId) {
        return find(Kind.LOGGED_IN, userId, SessionInfo.class);
    }

    public List<Integer> loginFailures(String userId) {
        return find(Kind.LOGIN_FAILED, userId, Integer.class);
    }

    public List<Logout> loggedOut(String userId) {
        return find(Kind.LOGGED_OUT, userId, Logout.class);
    }

    public List<Kick> kicked(String userId) {
        return find(Kind.KICKED, userId, Kick.class);
    }

    /** C2S messages the application received from {@code userId}. */
    public List<Packet> c2sReceived(String userId) {
        return find(Kind.C2S_RECEIVED, userId, Packet.class);
    }

    public List<Packet> delivered(String fp) {
        return find(Kind.C2C_DELIVERED, fp, Packet.class);
    }

    public List<Packet> storedOffline(String fp) {
        return find(Kind.C2C_STORED_OFFLINE, fp, Packet.class);
    }

    public List<Packet> undeliverable(String fp) {
        return find(Kind.C2C_UNDELIVERABLE, fp, Packet.class);
    }

    public List<Packet> s2cAcked(String fp) {
        return find(Kind.S2C_ACKED, fp, Packet.class);
    }

    public List<Packet> s2cLost(String fp) {
        return find(Kind.S2C_LOST, fp, Packet.class);
    }

    /** Every notification about {@code userId}'s sessions ending. */
    public int sessionEnds(String userId) {
        return loggedOut(userId).size() + kicked(userId).size();
    }

    @Override
    public void onLoggedIn(SessionInfo session) {
        record(Kind.LOGGED_IN, session.userId(), session);
    }

    @Override
    public void onLoginFailed(LoginRequest request, int code) {
        record(Kind.LOGIN_FAILED, request.userId(), code);
    }

    @Override
    public void onLoggedOut(SessionInfo session, LogoutReason reason) {
        record(Kind.LOGGED_OUT, session.userId(), new Logout(session, reason));
    }

    @Override
    public void onKicked(SessionInfo session, KickReason reason) {
        record(Kind.KICKED, session.userId(), new Kick(session, reason));
    }

    @Override
    public void onC2SReceived(Packet message, SessionInfo sender) {
        record(Kind.C2S_RECEIVED, sender.userId(), message);
    }

    @Override
    public void onC2CDelivered(Packet message) {
        record(Kind.C2C_DELIVERED, message.fp(), message);
    }

    @Override
    public void onC2CStoredOffline(Packet message) {
        record(Kind.C2C_STORED_OFFLINE, message.fp(), message);
    }

    @Override
    public void onC2CUndeliverable(Packet message) {
        record(Kind.C2C_UNDELIVERABLE, message.fp(), message);
    }

    @Override
    public void onS2CAcked(Packet message) {
        record(Kind.S2C_ACKED, message.fp(), message);
    }

    @Override
    public void onS2CLost(List<Packet> messages) {
        messages.forEach(message -> record(Kind.S2C_LOST, message.fp(), message));
    }

    private void record(Kind kind, String key, Object value) {
        threads.check("ImServerListener " + kind);
        events.add(new Event(kind, key, value));
    }

    private <T> List<T> find(Kind kind, String key, Class<T> type) {
        return events.stream().filter(e -> e.kind() == kind && Objects.equals(e.key(), key))
                .map(e -> type.cast(e.value())).toList();
    }
}
