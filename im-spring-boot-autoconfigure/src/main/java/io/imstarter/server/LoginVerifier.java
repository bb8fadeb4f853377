package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;

/**
 * Decides whether a login is accepted (wire protocol section 6.1).
 *
 * <p>Called on the server's decision executor, never on a Netty event loop; it may block up to
 * {@code im.server.login-verify-timeout}, after which the login is refused with code 2. A verifier that
 * {@linkplain #neverBlocks() never blocks} is the exception: it is called on the connection's own thread (an event
 * loop, or the dispatch pool when packets of the connection wait), without the hop to the decision executor and
 * back. {@link #ALLOW_ALL} is not called at all: the server accepts at once.
 */
@FunctionalInterface
public interface LoginVerifier {

    /** Accepts everyone. The server logs a loud warning when it runs with this verifier. */
    LoginVerifier ALLOW_ALL = request -> ErrorCode.OK;

    /**
     * @return 0 to accept, otherwise a refusal code sent to the client (applications use 1025 and above)
     */
    int verify(LoginRequest request);

    /**
     * Whether {@link #verify} is pure computation (no I/O, no waiting for a lock or a remote key), so that it may run
     * on an event loop. A verifier that checks a token's signature with a key it holds qualifies; one that calls a
     * database or fetches keys does not. False by default.
     */
    default boolean neverBlocks() {
        return false;
    }
}
