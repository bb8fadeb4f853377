package io.imstarter.sample.api;

import io.imstarter.sample.im.DemoLoginVerifier;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.MediaType;
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

                Every POST takes its fields as a JSON body, as a form, or as query parameters of the same names.

                Errors are RFC 9457 problem details: 400 bad parameters (with `errors` per field, \
                or `expectedFields` when the request cannot be read at all), 404 unknown \
                user, 409 client not logged in, 503 IM server not running or not reachable."""
                .formatted(DemoLoginVerifier.MIN_PASSWORD_LENGTH, DemoLoginVerifier.BAD_PASSWORD)));
    }

    /**
     * A {@link JsonOrParams} record is offered as a JSON body and, with the same schema, as a form; the description
     * adds that query parameters of the same names work too (the seed tutorial's call shape).
     */
    @Bean
    OperationCustomizer jsonOrParamsRequestBodies() {
        return (operation, handler) -> {
            RequestBody body = operation.getRequestBody();
            boolean jsonOrParams = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(JsonOrParams.class));
            if (!jsonOrParams || body == null || body.getContent() == null) {
                return operation;
            }
            io.swagger.v3.oas.models.media.MediaType json = body.getContent().get(MediaType.APPLICATION_JSON_VALUE);
            io.swagger.v3.oas.models.media.MediaType form = new io.swagger.v3.oas.models.media.MediaType()
                    .schema(json.getSchema());
            body.content(new Content().addMediaType(MediaType.APPLICATION_JSON_VALUE, json)
                    .addMediaType(MediaType.APPLICATION_FORM_URLENCODED_VALUE, form))
                    .description("The fields as a JSON object, as a form, or as query parameters of the same names");
            return operation;
        };
    }
}
