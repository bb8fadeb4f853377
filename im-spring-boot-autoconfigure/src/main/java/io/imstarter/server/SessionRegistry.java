package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of each user id: one across all transports, or one per transport under
 * {@link DuplicateLoginPolicy#ONE_PER_TRANSPORT}. A user's entry is an immutable list, oldest login first, replaced
 * atomically. Every change of an entry goes through here, and whoever changes it reports the notification that goes
 * with it, so each session ends with exactly one.
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

    private final Map<String, List<Connection>> sessions = new ConcurrentHashMap<>();
    private final DuplicateLoginPolicy policy;

    SessionRegistry(DuplicateLoginPolicy policy) {
        this.policy = policy;
    }

    /** The user's connections, oldest login first; empty when the user is not logged in here. */
    List<Connection> connections(String userId) {
        List<Connection> held = userId == null ? null : sessions.get(userId);
        return held == null ? List.of() : held;
    }

    boolean isOnline(String userId) {
        return userId != null && sessions.containsKey(userId);
    }

    /** Whether {@code connection} still holds a session of the user. */
    boolean holds(String userId, Connection connection) {
        return connections(userId).contains(connection);
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
            sessions.compute(userId, (id, held) -> {
                List<Connection> current = held == null ? List.of() : held;
                Connection rival = rival(current, newcomer);
                result[0] = decide(newcomer, rival, sentFirstLoginTime);
                if (result[0].outcome().turnsNewcomerAway()) {
                    return held;
                }
                newcomer.bind(newcomer.newSession(userId, storedFirstLoginTime));
                return replace(current, rival, newcomer);
            });
            // Only after compute returns is the entry visible to routing; replying inside compute let a client
            // hold its 50 while a message to it was still routed as offline (checklist item 8).
            reply.run();
        });
        return result[0];
    }

    /** The session the newcomer competes with: the user's only one, or the one on the newcomer's transport. */
    private Connection rival(List<Connection> current, Connection newcomer) {
        for (Connection connection : current) {
            if (policy != DuplicateLoginPolicy.ONE_PER_TRANSPORT || connection.transport() == newcomer.transport()) {
                return connection;
            }
        }
        return null;
    }

    private static List<Connection> replace(List<Connection> current, Connection rival, Connection newcomer) {
        if (rival == newcomer) {
            return current;
        }
        List<Connection> next = new ArrayList<>(current);
        next.remove(rival);
        next.add(newcomer);
        return List.copyOf(next);
    }

    private LoginResult decide(Connection newcomer, Connection rival, long sent) {
        if (rival == null) {
            return new LoginResult(Outcome.NEW, null);
        }
        if (rival == newcomer) {
            return new LoginResult(Outcome.RELOGIN, null);
        }
        long old = rival.session().firstLoginTime();
        if (sent == old) {
            return new LoginResult(Outcome.REPLACED, rival);
        }
        if (policy == DuplicateLoginPolicy.REJECT_NEW) {
            return new LoginResult(Outcome.REJECTED, rival);
        }
        if (sent <= 0 || sent > old) {
            return new LoginResult(Outcome.DUPLICATE, rival);
        }
        return new LoginResult(Outcome.STALE, rival);
    }

    /** Unregisters {@code connection} only if it is still a session of the user. */
    boolean remove(String userId, Connection connection) {
        boolean[] removed = new boolean[1];
        sessions.computeIfPresent(userId, (id, held) -> {
            if (!held.contains(connection)) {
                return held;
            }
            removed[0] = true;
            List<Connection> rest = new ArrayList<>(held);
            rest.remove(connection);
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
        return removed[0];
    }

    /** Unregisters every session of the user and returns their connections. */
    List<Connection> removeAll(String userId) {
        List<Connection> removed = sessions.remove(userId);
        return removed == null ? List.of() : removed;
    }

    Set<String> userIds() {
        return Set.copyOf(sessions.keySet());
    }

    /** Every registered connection, of every user. */
    List<Connection> connections() {
        List<Connection> all = new ArrayList<>();
        sessions.values().forEach(all::addAll);
        return all;
    }

    Map<Transport, Integer> countsByTransport() {
        Map<Transport, Integer> counts = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            counts.put(transport, 0);
        }
        for (Connection connection : connections()) {
            counts.merge(connection.transport(), 1, Integer::sum);
        }
        return counts;
    }
}
