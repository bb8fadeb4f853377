package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Fields of {@code POST /api/groups}. */
@Schema(description = "A new group, owned by the token's user")
record CreateGroupRequest(
        @Schema(description = "The group's id, 1 to 64 characters; members send to g:<groupId>", example = "team",
                requiredMode = Schema.RequiredMode.REQUIRED) String groupId) {

    void validate() {
        new FieldChecks().userId("groupId", groupId).validate();
    }
}
