package io.imstarter.sample.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives {@code im.server.auth.jwt.secret} a random value for this run when none is configured, so the sample never
 * signs tokens with a secret that is published (as a demo default would be). The price: tokens die with the process.
 * Registered in {@code META-INF/spring.factories}; runs after the configuration files are read.
 */
public final class RandomJwtSecret implements EnvironmentPostProcessor {

    static final String SECRET = "im.server.auth.jwt.secret";

    /** 256 random bits, as long as the HS256 key must be. */
    private static final int SECRET_BYTES = 32;

    private final Log log;

    public RandomJwtSecret(DeferredLogFactory logs) {
        this.log = logs.getLog(RandomJwtSecret.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(SECRET)) {
            return;
        }
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        environment.getPropertySources().addLast(new MapPropertySource("sampleRandomJwtSecret",
                Map.of(SECRET, Base64.getUrlEncoder().withoutPadding().encodeToString(secret))));
        log.warn("No " + SECRET + " is set: tokens are signed with a random secret made for this run, so they stop"
                + " working when the application restarts. Set IM_SERVER_AUTH_JWT_SECRET (32 bytes or more) to keep"
                + " them.");
    }
}
