package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * An immutable view of a logged-in session, safe to hand to application code. A value class with a record's
 * accessors, equality and string form; it keeps the login time as a number rather than an {@link Instant} because
 * the server holds one per logged-in connection.
 */
public final class SessionInfo {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String userId;
    private final Transport transport;
    private final InetSocketAddress remoteAddress;
    private final long firstLoginTime;
    /** {@link #loggedInAt()} in nanoseconds since the epoch, which a long holds until the year 2262. */
    private final long loggedInAtNanos;

    /**
     * @param userId the logged-in user id
     * @param transport the transport of the session's connection
     * @param remoteAddress the peer's address
     * @param firstLoginTime the firstLoginTime stored for the session (section 6.2)
     * @param loggedInAt when the login was accepted, between the years 1677 and 2262
     */
    public SessionInfo(String userId, Transport transport, InetSocketAddress remoteAddress, long firstLoginTime,
            Instant loggedInAt) {
        this.userId = userId;
        this.transport = transport;
        this.remoteAddress = remoteAddress;
        this.firstLoginTime = firstLoginTime;
        this.loggedInAtNanos = Math.addExact(Math.multiplyExact(loggedInAt.getEpochSecond(), NANOS_PER_SECOND),
                loggedInAt.getNano());
    }

    /** The logged-in user id. */
    public String userId() {
        return userId;
    }

    /** The transport of the session's connection. */
    public Transport transport() {
        return transport;
    }

    /** The peer's address. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The firstLoginTime stored for the session (section 6.2). */
    public long firstLoginTime() {
        return firstLoginTime;
    }

    /** When the login was accepted. */
    public Instant loggedInAt() {
        return Instant.ofEpochSecond(Math.floorDiv(loggedInAtNanos, NANOS_PER_SECOND),
                Math.floorMod(loggedInAtNanos, NANOS_PER_SECOND));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionInfo that && Objects.equals(userId, that.userId) && transport == that.transport
                && Objects.equals(remoteAddress, that.remoteAddress) && firstLoginTime == that.firstLoginTime
                && loggedInAtNanos == that.loggedInAtNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, transport, remoteAddress, firstLoginTime, loggedInAtNanos);
    }

    @Override
    public String toString() {
        return "SessionInfo[userId=" + userId + ", transport=" + transport + ", remoteAddress=" + remoteAddress
                + ", firstLoginTime=" + firstLoginTime + ", loggedInAt=" + loggedInAt() + "]";
    }
}
