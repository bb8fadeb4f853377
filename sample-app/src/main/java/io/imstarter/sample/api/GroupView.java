package io.imstarter.sample.api;

import io.imstarter.store.GroupInfo;
import io.swagger.v3.oas.annotations.media.Schema;

/** A group as {@code POST /api/groups} answers it. */
@Schema(description = "A group")
record GroupView(
        @Schema(description = "The group's id", example = "team") String groupId,
        @Schema(description = "Where members send its messages", example = "g:team") String address,
        @Schema(description = "Who created it", example = "alice") String owner,
        @Schema(description = "The sequence number of its latest message, 0 before the first") long lastSeq,
        @Schema(description = "How many members it has") int memberCount) {

    static GroupView of(GroupInfo group, String address) {
        return new GroupView(group.groupId(), address, group.owner(), group.lastSeq(), group.memberCount());
    }
}
