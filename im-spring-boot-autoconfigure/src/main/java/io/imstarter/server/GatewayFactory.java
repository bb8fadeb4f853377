package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.util.ServiceLoader;

/**
 * Transport SPI: creates the gateway of one transport for one run of the server. The Netty transport
 * ({@code io.imstarter.server.netty}) registers itself under {@code META-INF/services}, so that this package does not
 * import its transport and the two do not depend on each other.
 */
@FunctionalInterface
public interface GatewayFactory {

    Gateway create(Transport transport, GatewayContext context);

    /** The transport on the class path; fails with a message naming what is missing when there is none. */
    static GatewayFactory load() {
        return ServiceLoader.load(GatewayFactory.class, GatewayFactory.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No IM transport found: META-INF/services/"
                        + GatewayFactory.class.getName() + " is missing from the class path"));
    }
}
