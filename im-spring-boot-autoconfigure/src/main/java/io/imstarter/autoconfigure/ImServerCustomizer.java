package io.imstarter.autoconfigure;

import io.imstarter.server.ImServerConfig;

/**
 * Adjusts the {@link ImServerConfig} after {@code im.server.*} has been applied and before the server is built,
 * e.g. to set a TLS context built in code. Beans of this type are applied in {@code @Order} order.
 */
@FunctionalInterface
public interface ImServerCustomizer {

    void customize(ImServerConfig config);
}
