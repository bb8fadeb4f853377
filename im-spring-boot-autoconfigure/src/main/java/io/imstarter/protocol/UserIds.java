package io.imstarter.protocol;

/** The reserved user ids of the protocol. */
public final class UserIds {

    /** The server's own id. */
    public static final String SERVER = "0";

    /** An unknown peer, e.g. a connection that is not logged in. */
    public static final String UNKNOWN = "-1";

    private UserIds() {
    }

    /** Whether {@code userId} may log in: non-empty and neither the server nor unknown. */
    public static boolean isLoginable(String userId) {
        return userId != null && !userId.isEmpty() && !SERVER.equals(userId) && !UNKNOWN.equals(userId);
    }
}
