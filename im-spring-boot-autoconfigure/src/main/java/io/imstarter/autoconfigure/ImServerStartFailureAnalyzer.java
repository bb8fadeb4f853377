package io.imstarter.autoconfigure;

import io.imstarter.server.ImServerStartException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a gateway that could not bind, as Boot does for a web server port in use. */
class ImServerStartFailureAnalyzer extends AbstractFailureAnalyzer<ImServerStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ImServerStartException cause) {
        String key = "im.server." + cause.transport().key() + ".port";
        return new FailureAnalysis(cause.getMessage(),
                "Stop whatever uses port " + cause.port() + ", or configure another with " + key
                        + " (0 binds an ephemeral port), or set im.server." + cause.transport().key()
                        + ".enabled=false.",
                cause);
    }
}
