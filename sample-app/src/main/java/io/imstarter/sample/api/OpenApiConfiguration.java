package io.imstarter.sample.api;

import io.imstarter.sample.users.UserAccounts;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's title, introduction and bearer-token scheme as Swagger UI shows them (with its Authorize button). */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A token from POST /api/token (or /api/loginConnect)")
class OpenApiConfiguration {

    static final String BEARER = "bearer-jwt";

    @Bean
    OpenAPI imSampleOpenApi() {
        return new OpenAPI().addSecurityItem(new SecurityRequirement().addList(BEARER))
                .info(new Info().title("IM starter sample API").version("v1").description("""
                Drives an instant-messaging server (MobileIMSDK v6 wire protocol over TCP, UDP and WebSocket) and \
                embedded IM clients living in this application.

                **Get a token first.** `POST /api/token` with a `username` and `password` answers a signed JWT; \
                the first login of a new name registers it (a demo convenience: at least %d characters), later \
                logins must match. Press **Authorize**, paste the token, and every call acts as that user: \
                `/api/sendMsg`, `/api/logout`, `/api/messages/{username}` and `/api/history/{user}/{peer}` only for \
                the token's own user (403 otherwise; the admin may read any history). Push, kick, `/api/online` \
                (with addresses) and `/api/clients` need the ADMIN role (the `sample.admin.*` account). The same \
                token is the `loginToken` of an IM login.

                Try it: `POST /api/loginConnect` as `alice` and as `bob` (it returns a token too and logs an \
                embedded client in), authorize with alice's token, `POST /api/sendMsg` to `bob`, then authorize \
                with bob's token and read `GET /api/messages/bob`. The chat page at `/` talks to the same server \
                over WebSocket, so browser users and embedded clients can message each other.

                Every POST takes its fields as a JSON body, as a form, or as query parameters of the same names.

                Errors are RFC 9457 problem details: 400 bad parameters (with `errors` per field, or \
                `expectedFields` when the request cannot be read at all), 401 no or bad token or wrong password, \
                403 another user's name or a missing role, 404 unknown user, 409 client not logged in or message \
                not stored, 503 IM server not running or not reachable."""
                .formatted(UserAccounts.MIN_NEW_PASSWORD_LENGTH)));
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
