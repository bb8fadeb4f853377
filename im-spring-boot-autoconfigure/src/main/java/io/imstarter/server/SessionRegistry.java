package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session per user id across all transports. Every change of a user's entry goes through here, and whoever
 * changes the entry reports the notification that goes with it, so each session ends with exactly one.
 */
final class SessionRegistry {

    /** Which row of the duplicate-login table applied (section 6.3). */
    enum Outcome {
        NEW, RELOGIN, DUPLICATE, REPLACED, STALE, REJECTED;

        /** Whether the newcomer was turned away and the registered session left as it was. */
        boolean turnsNewcomerAway() {
            return this == STALE || this == REJECTED;
        }
    }

    /** The result of {@link #login}: the outcome and the session it displaced, if any. */
    record LoginResult(Outcome outcome, Connection displaced) {
    }

    private final Map<String, Connection> sessions = new ConcurrentHashMap<>();
    private final DuplicateLoginPolicy policy;

    SessionRegistry(DuplicateLoginPolicy policy) {
        this.policy = policy;
    }

    Connection get(String userId) {
        return userId == null ? null : sessions.get(userId);
    }

    /**
     * Applies the duplicate-login rules for {@code newcomer} and, in the same atomic step, runs {@code reply} (which
     * enqueues the login response) while the newcomer's write lock is held, so no packet routed to the user can
     * reach the newcomer before its 50.
     */
    LoginResult login(Connection newcomer, String userId, long sentFirstLoginTime, long storedFirstLoginTime,
            Runnable reply) {
        LoginResult[] result = new LoginResult[1];
        newcomer.exclusively(() -> {
            sessions.compute(userId, (id, current) -> {
                result[0] = decide(newcomer, current, sentFirstLoginTime);
                if (result[0].outcome().turnsNewcomerAway()) {
                    return current;
                }
                newcomer.bind(newcomer.newSession(userId, storedFirstLoginTime));
                return newcomer;
            });
            // Only after compute returns is the entry visible to routing; replying inside compute let a client
            // hold its 50 while a message to it was still routed as offline (checklist item 8).
            reply.run();
        });
        return result[0];
    }

    private LoginResult decide(Connection newcomer, Connection current, long sent) {
        if (current == null) {
            return new LoginResult(Outcome.NEW, null);
        }
        if (current == newcomer) {
            return new LoginResult(Outcome.RELOGIN, null);
        }
        long old = current.session().firstLoginTime();
        if (sent == old) {
            return new LoginResult(Outcome.REPLACED, current);
        }
        if (policy == DuplicateLoginPolicy.REJECT_NEW) {
            return new LoginResult(Outcome.REJECTED, current);
        }
        if (sent <= 0 || sent > old) {
            return new LoginResult(Outcome.DUPLICATE, current);
        }
        return new LoginResult(Outcome.STALE, current);
    }

    /** Unregisters the user only if {@code connection} is still its session. */
    boolean remove(String userId, Connection connection) {
        return sessions.remove(userId, connection);
    }

    Set<String> userIds() {
        return Set.copyOf(sessions.keySet());
    }

    Iterable<Connection> connections() {
        return sessions.values();
    }

    Map<Transport, Integer> countsByTransport() {
        Map<Transport, Integer> counts = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            counts.put(transport, 0);
        }
        for (Connection connection : sessions.values()) {
            counts.merge(connection.transport(), 1, Integer::sum);
        }
        return counts;
    }
}
