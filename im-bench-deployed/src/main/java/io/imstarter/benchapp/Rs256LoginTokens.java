package io.imstarter.benchapp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * With {@code bench.rs256-public-key} (an X.509 PEM), logins present RS256 tokens signed by its private key: the
 * application's own {@link JwtDecoder}, which the starter's token login uses instead of the shared secret.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("bench.rs256-public-key")
class Rs256LoginTokens {

    @Bean
    JwtDecoder rs256Decoder(@Value("${bench.rs256-public-key}") Path publicKeyPem) throws IOException {
        try (InputStream pem = Files.newInputStream(publicKeyPem)) {
            RSAPublicKey key = RsaKeyConverters.x509().convert(pem);
            return NimbusJwtDecoder.withPublicKey(key).build();
        }
    }
}
