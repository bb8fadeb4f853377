package io.imstarter.autoconfigure;

import io.imstarter.client.ImClientConfig.Ssl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Builds the embedded clients' Netty client {@link SslContext} from {@code im.client.ssl}. */
final class ClientSslContexts {

    private static final Logger log = LoggerFactory.getLogger(ClientSslContexts.class);

    private final ResourceLoader resourceLoader;

    ClientSslContexts(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    /** @return the context, or null when TLS is off */
    SslContext create(Ssl ssl) {
        if (!ssl.isEnabled()) {
            return null;
        }
        SslContextBuilder builder = SslContextBuilder.forClient();
        try {
            if (ssl.isTrustAll()) {
                log.warn("im.client.ssl.trust-all is set: embedded clients accept ANY server certificate, so the"
                        + " server is not authenticated. Use it for tests only.");
                return builder.trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            }
            if (ssl.getTrustCertificate() == null) {
                return builder.build();
            }
            try (InputStream trusted = trustCertificate(ssl.getTrustCertificate()).getInputStream()) {
                return builder.trustManager(trusted).build();
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            throw InvalidIm.property("im.client.ssl.trust-certificate", ssl.getTrustCertificate(),
                    "could not build TLS from it: " + ex.getMessage(), ex);
        }
    }

    private Resource trustCertificate(String location) {
        Resource resource = resourceLoader.getResource(location);
        if (!resource.exists()) {
            throw InvalidIm.property("im.client.ssl.trust-certificate", location, "does not exist");
        }
        return resource;
    }
}
