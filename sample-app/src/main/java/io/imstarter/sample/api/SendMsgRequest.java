package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/sendMsg}: a JSON body, a form or query parameters ({@link JsonOrParams}). */
@Schema(description = "A C2C message sent by one of the embedded clients")
record SendMsgRequest(
        @Schema(description = "The embedded client that sends: the token's user, so it may be left out",
                example = "alice") String username,
        @Schema(description = "The receiving user id (any logged-in user: embedded client, chat page or app), or"
                + " a group address g:<groupId> of a group the sender belongs to",
                example = "bob", requiredMode = Schema.RequiredMode.REQUIRED) String friendId,
        @Schema(description = "Message text, 1 to 1000 characters", example = "hello bob",
                requiredMode = Schema.RequiredMode.REQUIRED) String msg,
        @Schema(description = "Application sub-type passed through to the receiver; -1 when left out",
                example = "-1") Integer typeu,
        @Schema(description = "Whether the receiver must acknowledge (QoS); true when left out",
                example = "true") Boolean qos) {

    void validate() {
        FieldChecks checks = new FieldChecks();
        if (username != null) {
            checks.userId("username", username);
        }
        checks.userId("friendId", friendId).text("msg", msg, FieldChecks.MAX_MESSAGE_LENGTH).validate();
    }

    int typeuOrDefault() {
        return typeu == null ? -1 : typeu;
    }

    boolean qosOrDefault() {
        return qos == null || qos;
    }
}
