package io.imstarter.sample.im;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.LoginRequest;
import io.imstarter.server.LoginVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sample's login rule, standing in for a real token check: the password (the protocol's {@code loginToken})
 * must be at least {@value #MIN_PASSWORD_LENGTH} characters long. Declaring this bean replaces the starter's
 * allow-all verifier. It runs on the server's decision executor, so a real one may call a database or an
 * identity provider here.
 */
@Component
public class DemoLoginVerifier implements LoginVerifier {

    /** The shortest password the demo rule accepts. */
    public static final int MIN_PASSWORD_LENGTH = 4;

    /** The refusal code for a password that breaks the demo rule; applications use 1025 and above. */
    public static final int BAD_PASSWORD = ErrorCode.FIRST_APPLICATION_CODE;

    private static final Logger log = LoggerFactory.getLogger(DemoLoginVerifier.class);

    @Override
    public int verify(LoginRequest request) {
        String token = request.token();
        if (token == null || token.strip().length() < MIN_PASSWORD_LENGTH) {
            log.info("Refusing login of '{}' over {} from {}: password shorter than {} characters",
                    request.userId(), request.transport(), request.remoteAddress(), MIN_PASSWORD_LENGTH);
            return BAD_PASSWORD;
        }
        return ErrorCode.OK;
    }
}
