package io.imstarter.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The revocations of a single server without a database: kept in memory, so they end with the process and are not
 * seen by other nodes. Holds at most {@code maxUsers} users; beyond that the user revoked longest ago is forgotten.
 */
public final class InMemoryLoginRevocations implements LoginRevocations {

    /** Users held by default. */
    public static final int DEFAULT_MAX_USERS = 100_000;

    private final Map<String, LoginRevocation> byUser;

    public InMemoryLoginRevocations() {
        this(DEFAULT_MAX_USERS);
    }

    public InMemoryLoginRevocations(int maxUsers) {
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1, was " + maxUsers);
        }
        this.byUser = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LoginRevocation> eldest) {
                return size() > maxUsers;
            }
        };
    }

    @Override
    public synchronized void revoke(String userId, LoginRevocation revocation) {
        LoginRevocation held = byUser.remove(userId);
        byUser.put(userId, held == null ? revocation : held.merge(revocation));
    }

    @Override
    public synchronized Optional<LoginRevocation> find(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    @Override
    public boolean neverBlocks() {
        return true;
    }
}
