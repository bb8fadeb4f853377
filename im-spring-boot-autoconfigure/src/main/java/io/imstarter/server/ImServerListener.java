package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.List;

/**
 * Notifications from the server. Every method is called off the Netty event loops, on the server's dispatch
 * threads, unless {@link #neverBlocks()} says otherwise; implementations hand work off rather than block.
 * Exceptions are caught and logged.
 */
public interface ImServerListener {

    /**
     * Whether every method of this listener returns at once (it only queues work elsewhere, without waiting for
     * room): then it is called where the notification is raised, an event loop included, instead of on a dispatch
     * thread. False by default.
     */
    default boolean neverBlocks() {
        return false;
    }

    /** A login was accepted and the session registered (also for a re-login on the same connection). */
    default void onLoggedIn(SessionInfo session) {
    }

    /** A login was refused by the verifier (its code, 2 when it failed or timed out). */
    default void onLoginFailed(LoginRequest request, int code) {
    }

    /** A registered session ended by logout, idle timeout or connection loss. */
    default void onLoggedOut(SessionInfo session, LogoutReason reason) {
    }

    /**
     * A session was kicked; for {@link KickReason#STALE_LOGIN} and {@link KickReason#REJECTED_DUPLICATE} it is the
     * newcomer that never registered.
     */
    default void onKicked(SessionInfo session, KickReason reason) {
    }

    /**
     * A C2S message (type 2 to "0") passed the interceptor and de-duplication. A QoS message is ACKed only after
     * this returns; throw {@link java.util.concurrent.RejectedExecutionException} when there is no room to take it,
     * and the sender gets 52/305 and retries instead of the message being lost.
     */
    default void onC2SReceived(Packet message, SessionInfo sender) {
    }

    /** A QoS C2C message was acknowledged by its receiver (receiver mode) or written to it (server mode). */
    default void onC2CDelivered(Packet message) {
    }

    /** The offline handler accepted a C2C message. */
    default void onC2CStoredOffline(Packet message) {
    }

    /** A C2C message could not be delivered and the offline handler refused it. */
    default void onC2CUndeliverable(Packet message) {
    }

    /** The client acknowledged a QoS S2C message. */
    default void onS2CAcked(Packet message) {
    }

    /** QoS S2C messages ran out of retries without an ACK. */
    default void onS2CLost(List<Packet> messages) {
    }
}
