package io.imstarter.test.context;

import io.imstarter.autoconfigure.auth.ImTokenIssuer;
import java.util.function.Function;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Login tokens for test users: from the application's {@code ImTokenIssuer}, which exists when
 * {@code im.server.auth.jwt.secret} is set, and none otherwise. Looked up at each login, not at start-up, so the
 * issuer may be defined in any order; without Spring Security's JOSE support there is never one.
 */
final class TestTokens {

    private static final boolean JOSE_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.oauth2.jwt.JwtEncoder", TestTokens.class.getClassLoader());

    private TestTokens() {
    }

    static Function<String, String> from(BeanFactory beans) {
        return JOSE_PRESENT ? Issued.from(beans) : userId -> null;
    }

    /** Touches the issuer's class only when its dependencies are there. */
    private static final class Issued {

        static Function<String, String> from(BeanFactory beans) {
            return userId -> {
                ImTokenIssuer issuer = beans.getBeanProvider(ImTokenIssuer.class).getIfAvailable();
                return issuer == null ? null : issuer.issue(userId).getTokenValue();
            };
        }
    }
}
