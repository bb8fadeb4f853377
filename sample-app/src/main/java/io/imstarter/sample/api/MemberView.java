package io.imstarter.sample.api;

import io.imstarter.store.GroupMembership;
import io.swagger.v3.oas.annotations.media.Schema;

/** A group member. */
@Schema(description = "A member of a group")
record MemberView(
        @Schema(description = "The member", example = "bob") String userId,
        @Schema(description = "The member sees messages after this sequence number") long joinedSeq,
        @Schema(description = "Every message up to this one was acknowledged by the member") long deliveredSeq) {

    static MemberView of(GroupMembership membership) {
        return new MemberView(membership.userId(), membership.joinedSeq(), membership.deliveredSeq());
    }
}
