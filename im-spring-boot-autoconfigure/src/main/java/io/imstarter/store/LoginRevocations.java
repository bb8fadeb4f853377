package io.imstarter.store;

import java.util.Optional;

/**
 * Where kicks and token revocations are kept, so that they hold at every login, on every node that shares the
 * store. {@code ImServer.kick} writes here; the server reads it at each login it verifies, and the token login
 * refuses tokens issued before the user's revocation.
 *
 * <p>Implementations are thread-safe. Unless {@link #neverBlocks()}, they may block on I/O: call them off Netty
 * event loops.
 */
public interface LoginRevocations {

    /**
     * Adds a revocation for the user. It only ever extends what is held: each time becomes the later of the stored
     * one and the given one, so a password change never shortens a running kick.
     */
    void revoke(String userId, LoginRevocation revocation);

    /** What is held against the user, if anything. */
    Optional<LoginRevocation> find(String userId);

    /** Whether both methods answer from memory at once, so that the server may call them on an event loop. */
    default boolean neverBlocks() {
        return false;
    }
}
