package io.imstarter.server;

import io.imstarter.protocol.ErrorCode;

/**
 * Decides whether a login is accepted (wire protocol section 6.1).
 *
 * <p>Called on the server's decision executor, never on a Netty event loop; it may block up to
 * {@code im.server.login-verify-timeout}, after which the login is refused with code 2. {@link #ALLOW_ALL}, which
 * cannot block, is the exception: the server accepts on the connection's dispatch thread without calling it.
 */
@FunctionalInterface
public interface LoginVerifier {

    /** Accepts everyone. The server logs a loud warning when it runs with this verifier. */
    LoginVerifier ALLOW_ALL = request -> ErrorCode.OK;

    /**
     * @return 0 to accept, otherwise a refusal code sent to the client (applications use 1025 and above)
     */
    int verify(LoginRequest request);
}
