package io.imstarter.client;

/** What a {@link Link} reports to its owner; called on the link's event loop, so it must not block. */
interface LinkListener {

    void onPacket(Link link, Inbound inbound);

    void onClosed(Link link);

    /** UDP: the server's host answered that nobody listens on the port (ICMP port unreachable). */
    void onPortUnreachable(Link link);
}
