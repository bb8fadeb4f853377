package io.imstarter.client;

import java.util.List;

/**
 * Which server a client's next attempt goes to (client failover, {@code docs/cluster.md}): a caller's login tries
 * each of {@link ImClientConfig#servers()} in order until one answers; a lost link or a failed re-login moves on to
 * the next, wrapping round. Guarded by the {@link ClientSession}'s monitor, except {@link #current()}.
 */
final class ServerRotation {

    private final ImClientConfig config;
    /** The server of the current or last attempt. */
    private volatile ServerAddress current;
    /** Where the next attempt goes in {@link ImClientConfig#servers()}. */
    private int index;
    /** While a caller's login is pending: the servers it has yet to try before it fails. */
    private int untried;

    ServerRotation(ImClientConfig config) {
        this.config = config;
    }

    /** Why the server list cannot be resolved now (e.g. an embedded server whose port is not bound yet), or null. */
    RuntimeException unresolvable() {
        try {
            config.serverAddresses();
            return null;
        }
        catch (IllegalArgumentException | IllegalStateException unresolvable) {
            return unresolvable;
        }
    }

    /** A caller's login: it starts at the first server, with every other one still to try. */
    void restart() {
        index = 0;
        untried = config.serverCount() - 1;
    }

    /** The server of the next attempt, which becomes the current one. */
    ServerAddress pick() {
        List<ServerAddress> servers = config.serverAddresses();
        current = servers.get(index % servers.size());
        return current;
    }

    /** The server of the current or last attempt, or null before one. */
    ServerAddress current() {
        return current;
    }

    /** Moves on to the next server, after the last back to the first; with one server it stays. */
    void next() {
        index = (index + 1) % config.serverCount();
    }

    /** A caller's login failed on the current server: moves on if it has a server left to try. */
    boolean nextUntried() {
        if (untried <= 0) {
            return false;
        }
        untried--;
        next();
        return true;
    }

    /** Why a caller's login failed for good, given why it failed on its last server. */
    String lastFailure(String message) {
        return config.serverCount() > 1 ? message + " (after every server of " + config.serverAddresses() + " failed)"
                : message;
    }
}
