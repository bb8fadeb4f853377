package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/push}: a JSON body, a form or query parameters ({@link JsonOrParams}). */
@Schema(description = "A server push (S2C) to one online user")
record PushRequest(
        @Schema(description = "The online user to push to", example = "bob",
                requiredMode = Schema.RequiredMode.REQUIRED) String userId,
        @Schema(description = "Message text, 1 to 1000 characters", example = "Server maintenance at 18:00",
                requiredMode = Schema.RequiredMode.REQUIRED) String msg,
        @Schema(description = "Application sub-type; -1 when left out", example = "-1") Integer typeu,
        @Schema(description = "Whether the client must acknowledge (QoS); true when left out",
                example = "true") Boolean qos) {

    void validate() {
        new FieldChecks().userId("userId", userId).text("msg", msg, FieldChecks.MAX_MESSAGE_LENGTH).validate();
    }

    int typeuOrDefault() {
        return typeu == null ? -1 : typeu;
    }

    boolean qosOrDefault() {
        return qos == null || qos;
    }
}
