package io.imstarter.autoconfigure.auth;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.server.LoginVerifier;
import io.imstarter.store.InMemoryLoginRevocations;
import io.imstarter.store.LoginRevocations;
import java.time.Clock;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Token login ({@code im.server.auth.*}): a {@link JwtLoginVerifier} on a {@link JwtDecoder} built from the
 * properties, or on the application's own decoder (a resource server's, say), and an {@link ImTokenIssuer} when a
 * shared secret is set. Runs before the server auto-configuration so that its allow-all default backs off, and after
 * Boot's resource-server auto-configuration so that a decoder it defines is reused. An application's own
 * {@link LoginVerifier} wins.
 */
@AutoConfiguration(before = ImServerAutoConfiguration.class,
        afterName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                + "OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnBooleanProperty(name = "im.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "im.server.auth.enabled", matchIfMissing = true)
@Conditional(ImAuthAutoConfiguration.TokenSourceCondition.class)
@EnableConfigurationProperties(ImAuthProperties.class)
public final class ImAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder imJwtDecoder(ImAuthProperties properties) {
        return LoginJwtDecoders.create(properties.getJwt());
    }

    @Bean
    @ConditionalOnMissingBean
    LoginVerifier imJwtLoginVerifier(JwtDecoder decoder, ImAuthProperties properties, BeanFactory beans,
            ObjectProvider<LoginRevocations> revocations) {
        // only the decoder made here from a secret is known to hold its key; an application's own may fetch keys
        boolean secretDecoder = properties.getJwt().getSecret() != null && beans.containsBean("imJwtDecoder");
        // The server's revocations, so that its kicks void tokens; without a server there is nothing to revoke.
        return new JwtLoginVerifier(decoder, properties.getJwt().getUserIdClaim(), secretDecoder,
                revocations.getIfAvailable(InMemoryLoginRevocations::new));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("im.server.auth.jwt.secret")
    ImTokenIssuer imTokenIssuer(ImAuthProperties properties) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(LoginJwtDecoders.secretKey(properties.getJwt()))
                .build();
        return new ImTokenIssuer(encoder, properties.getJwt(), Clock.systemUTC());
    }

    /** Matches when login tokens have a source: a secret, a JWK set URI, an issuer URI or a decoder bean. */
    static final class TokenSourceCondition extends AnyNestedCondition {

        TokenSourceCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("im.server.auth.jwt.secret")
        static final class Secret {
        }

        @ConditionalOnProperty("im.server.auth.jwt.jwk-set-uri")
        static final class JwkSetUri {
        }

        @ConditionalOnProperty("im.server.auth.jwt.issuer-uri")
        static final class IssuerUri {
        }

        @ConditionalOnBean(JwtDecoder.class)
        static final class DecoderBean {
        }
    }
}
