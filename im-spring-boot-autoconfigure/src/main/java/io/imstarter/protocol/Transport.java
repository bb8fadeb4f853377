package io.imstarter.protocol;

/** The transports a connection can use (section 5). */
public enum Transport {
    TCP, UDP, WEBSOCKET;

    /** The lower-case name used in property keys, e.g. {@code local.im.server.tcp.port}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
