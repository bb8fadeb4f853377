package io.imstarter.server;

/**
 * Marks the IO threads of a {@link ServerTransport} (its event loops): the core never blocks on them, and hands
 * calls to the application from them to its own pools. A transport runs its connections on threads that implement
 * this.
 */
public interface IoThread {

    /** Whether the calling thread is an IO thread of the server's transport. */
    static boolean isCurrent() {
        return Thread.currentThread() instanceof IoThread;
    }
}
