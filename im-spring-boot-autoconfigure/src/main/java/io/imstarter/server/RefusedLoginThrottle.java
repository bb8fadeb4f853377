package io.imstarter.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts refused logins per user id and per IP address ({@link ImServerConfig.RefusedLogins}): how long to hold back
 * the answer to a refusal, and whether a login is shut out before it is verified. Bounded: beyond
 * {@value #MAX_TALLIES} counted keys, forgotten ones are swept out, then any. Thread-safe.
 */
final class RefusedLoginThrottle {

    static final int MAX_TALLIES = 100_000;

    private final ImServerConfig.RefusedLogins settings;
    private final LongSupplier millis;
    private final Map<Object, Tally> tallies = new ConcurrentHashMap<>();

    RefusedLoginThrottle(ImServerConfig.RefusedLogins settings, LongSupplier millis) {
        this.settings = settings;
        this.millis = millis;
    }

    /** The count of refusals of one key and when the last was counted. */
    private record Tally(int count, long lastMillis) {
    }

    /** A user id as a key, apart from addresses. */
    private record UserKey(String userId) {
    }

    /** Whether logins of this user or from this address are to be closed unanswered, without verifying them. */
    boolean shutOut(String userId, InetSocketAddress address) {
        if (tallies.isEmpty()) {
            return false;
        }
        long now = millis.getAsLong();
        return count(new UserKey(userId), now) >= settings.getCloseAfter()
                || settings.getCloseAfterPerAddress() > 0 && count(ip(address), now) >= settings.getCloseAfterPerAddress();
    }

    /** Counts a refusal of this user from this address; returns how long to hold back its answer. */
    Duration refused(String userId, InetSocketAddress address) {
        long now = millis.getAsLong();
        double share = share(countOneMore(new UserKey(userId), now), settings.getCloseAfter());
        if (settings.getCloseAfterPerAddress() > 0) {
            share = Math.max(share, share(countOneMore(ip(address), now), settings.getCloseAfterPerAddress()));
        }
        return Duration.ofNanos((long) (settings.getMaxDelay().toNanos() * share * share));
    }

    /** A login of the user was accepted: its count starts again (its address's does not). */
    void accepted(String userId) {
        if (!tallies.isEmpty()) {
            tallies.remove(new UserKey(userId));
        }
    }

    /** The IP address without the port: every connection of one host counts together. */
    private static Object ip(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress() : address.getHostString();
    }

    private static double share(int count, int limit) {
        return Math.min(1.0, (double) count / limit);
    }

    private int count(Object key, long now) {
        Tally tally = tallies.get(key);
        return tally == null || forgotten(tally, now) ? 0 : tally.count();
    }

    private int countOneMore(Object key, long now) {
        if (tallies.size() >= MAX_TALLIES && !tallies.containsKey(key)) {
            makeRoom(now);
        }
        return tallies.merge(key, new Tally(1, now),
                (held, one) -> forgotten(held, now) ? one : new Tally(held.count() + 1, now)).count();
    }

    private boolean forgotten(Tally tally, long now) {
        return now - tally.lastMillis() > settings.getForgetAfter().toMillis();
    }

    /** Sweeps out forgotten keys; when none was, drops one key, so the table never grows past its bound. */
    private void makeRoom(long now) {
        tallies.values().removeIf(tally -> forgotten(tally, now));
        Iterator<Object> keys = tallies.keySet().iterator();
        if (tallies.size() >= MAX_TALLIES && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
