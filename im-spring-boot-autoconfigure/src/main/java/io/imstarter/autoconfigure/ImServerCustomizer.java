package io.imstarter.autoconfigure;

import io.imstarter.server.ImServerConfig;

/**
 * Adjusts the {@link ImServerConfig} after {@code im.server.*} has been bound and before the server is built and
 * validated, e.g. to derive a setting in code. Beans of this type are applied in {@code @Order} order. (TLS built in
 * code goes to a {@code NettyTransport} bean.)
 */
@FunctionalInterface
public interface ImServerCustomizer {

    void customize(ImServerConfig config);
}
