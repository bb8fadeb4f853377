package io.imstarter.autoconfigure;

import io.imstarter.server.ImServerConfig.Ssl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Builds a gateway's Netty server {@link SslContext} from the PEM locations of {@code im.server.<transport>.ssl}. */
final class GatewaySslContexts {

    private final ResourceLoader resourceLoader;

    GatewaySslContexts(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    /** @return the context, or null when TLS is off */
    SslContext create(String prefix, Ssl ssl) {
        if (!ssl.isEnabled()) {
            return null;
        }
        Resource certificate = resolve(prefix + "certificate", ssl.getCertificate());
        Resource privateKey = resolve(prefix + "private-key", ssl.getPrivateKey());
        try (InputStream cert = certificate.getInputStream(); InputStream key = privateKey.getInputStream()) {
            return SslContextBuilder.forServer(cert, key).build();
        }
        catch (IOException | IllegalArgumentException ex) {
            String group = prefix.substring(0, prefix.length() - 1);
            throw InvalidIm.property(group, "certificate=" + ssl.getCertificate() + ", private-key="
                    + ssl.getPrivateKey(), "could not build TLS from them: " + ex.getMessage(), ex);
        }
    }

    private Resource resolve(String name, String location) {
        if (location == null || location.isBlank()) {
            throw InvalidIm.property(name, location, "must be set when TLS is enabled");
        }
        Resource resource = resourceLoader.getResource(location);
        if (!resource.exists()) {
            throw InvalidIm.property(name, location, "does not exist");
        }
        return resource;
    }
}
