package io.imstarter.client;

/** Where a client is in its life. */
public enum ClientState {
    /** Not connected and not trying to be. */
    DISCONNECTED,
    /** Connecting or waiting for the login response. */
    CONNECTING,
    /** Logged in; keep-alive and QoS are running. */
    LOGGED_IN,
    /** The link was lost; re-login with backoff is under way. */
    RECONNECTING,
    /** The server kicked this client; it will not re-login. */
    KICKED,
    /** Closed for good. */
    CLOSED
}
