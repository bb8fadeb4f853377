package io.imstarter.client;

/**
 * One IM server an embedded client may connect to. Written {@code host:port}, with an IPv6 host in brackets
 * ({@code [::1]:8901}), as in {@code im.client.servers}.
 *
 * @param host a host name or IP address
 * @param port a port from 1 to 65535
 */
public record ServerAddress(String host, int port) {

    private static final int MAX_PORT = 65535;

    /** @throws IllegalArgumentException when the host is blank or the port out of range */
    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host must be set");
        }
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException("the port must be between 1 and " + MAX_PORT + ", got " + port);
        }
    }

    /**
     * Reads {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming what is wrong, e.g. a missing or non-numeric port
     */
    public static ServerAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address must be host:port, got an empty value");
        }
        String trimmed = text.strip();
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + trimmed + "' has no port; write host:port");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + trimmed + "' is ambiguous; write an IPv6 host in brackets,"
                    + " as [::1]:8901");
        }
        String port = trimmed.substring(colon + 1);
        if (port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5) {
            throw new IllegalArgumentException("'" + trimmed + "' has no numeric port from 1 to " + MAX_PORT);
        }
        try {
            return new ServerAddress(host, Integer.parseInt(port));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + trimmed + "': " + ex.getMessage(), ex);
        }
    }

    /** The {@code host:port} form that {@link #parse} reads. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
