package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/groups/{groupId}/members}. */
@Schema(description = "A registered user to add to the group")
record MemberRequest(
        @Schema(description = "The user to add", example = "bob", requiredMode = Schema.RequiredMode.REQUIRED)
        String userId) {

    void validate() {
        new FieldChecks().userId("userId", userId).validate();
    }
}
