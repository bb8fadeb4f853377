package io.imstarter.sample.api;

import io.imstarter.sample.im.DemoLoginVerifier;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's title and introduction as Swagger UI shows them. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI imSampleOpenApi() {
        return new OpenAPI().info(new Info().title("IM starter sample API").version("v1").description("""
                Drives an instant-messaging server (MobileIMSDK v6 wire protocol over TCP, UDP and WebSocket) and \
                embedded IM clients living in this application.

                Try it: log in two embedded clients with `POST /api/loginConnect` (for example `alice` and `bob`, \
                any password of at least %d characters; shorter ones are refused with code %d), send with \
                `POST /api/sendMsg`, then read `GET /api/messages/bob`. The chat page at `/` talks to the same \
                server over WebSocket, so browser users and embedded clients can message each other.

                Errors are RFC 9457 problem details: 400 bad parameters (with `errors` per field), 404 unknown \
                user, 409 client not logged in, 503 IM server not running or not reachable."""
                .formatted(DemoLoginVerifier.MIN_PASSWORD_LENGTH, DemoLoginVerifier.BAD_PASSWORD)));
    }
}
