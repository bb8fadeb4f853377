package io.imstarter.sample.api;

import io.imstarter.store.GroupMembership;
import io.swagger.v3.oas.annotations.media.Schema;

/** One of the caller's groups in {@code GET /api/groups}. */
@Schema(description = "A group the token's user belongs to")
record MyGroup(
        @Schema(description = "The group's id", example = "team") String groupId,
        @Schema(description = "Where members send its messages", example = "g:team") String address,
        @Schema(description = "The sequence number of its latest message") long lastSeq,
        @Schema(description = "The user sees messages after this one") long joinedSeq,
        @Schema(description = "Every message up to this one was acknowledged by the user") long deliveredSeq) {

    static MyGroup of(GroupMembership membership, String address) {
        return new MyGroup(membership.groupId(), address, membership.lastSeq(), membership.joinedSeq(),
                membership.deliveredSeq());
    }
}
