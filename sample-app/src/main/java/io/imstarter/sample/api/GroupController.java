package io.imstarter.sample.api;

import io.imstarter.group.ImGroups;
import io.imstarter.receipt.ImReadState;
import io.imstarter.sample.users.UserAccounts;
import io.imstarter.store.GroupInfo;
import io.imstarter.store.GroupMembership;
import io.imstarter.store.GroupRefusedException;
import io.imstarter.store.GroupRefusedException.Reason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Group conversations ({@code im.group.*}): the token's user creates groups, manages their members and reads their
 * history. Messages travel on the wire: a member sends a type 2 to the group's address ({@code g:<groupId>}), from
 * the chat page or through {@code POST /api/sendMsg} with that address as {@code friendId}.
 */
@RestController
@RequestMapping("/api/groups")
@Tag(name = "Groups", description = "Group conversations: each message is stored once, numbered in the group's one"
        + " order, and sent to every member with QoS; members who were offline get what they missed at their next"
        + " login. Limits: im.group.max-members, im.group.max-groups-per-user.")
class GroupController {

    static final int DEFAULT_LIMIT = 50;

    private final ObjectProvider<ImGroups> groups;
    private final UserAccounts accounts;
    private final ObjectProvider<ImReadState> readState;

    GroupController(ObjectProvider<ImGroups> groups, UserAccounts accounts, ObjectProvider<ImReadState> readState) {
        this.groups = groups;
        this.accounts = accounts;
        this.readState = readState;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a group owned by the token's user", description = "The owner is its first member."
            + " Members send to the answer's address.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "A blank or too long groupId (field errors listed)")
    @ApiResponse(responseCode = "409", description = "The id is taken, or the owner is in the most groups allowed")
    @ApiResponse(responseCode = "503", description = "Groups are off (no database, or im.group.enabled=false)")
    GroupView create(@JsonOrParams CreateGroupRequest request, Authentication caller) {
        request.validate();
        ImGroups api = groups();
        GroupInfo created = api.create(request.groupId(), caller.getName());
        return GroupView.of(created, api.address(created.groupId()));
    }

    @GetMapping
    @Operation(summary = "List the token's user's groups", description = "With each group's last sequence number"
            + " and the user's own pointers.")
    @ApiResponse(responseCode = "200", description = "The groups, possibly none")
    List<MyGroup> mine(Authentication caller) {
        ImGroups api = groups();
        return api.groupsOf(caller.getName()).stream().map(m -> MyGroup.of(m, api.address(m.groupId()))).toList();
    }

    @DeleteMapping("/{groupId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a group with its members and messages", description = "Its owner or the ADMIN"
            + " role only.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not the owner, and not an admin")
    @ApiResponse(responseCode = "404", description = "No such group")
    void delete(@Parameter(example = "team") @PathVariable String groupId, Authentication caller) {
        ImGroups api = groups();
        requireOwner(api, groupId, caller, "delete it");
        api.delete(groupId);
    }

    @GetMapping("/{groupId}/members")
    @Operation(summary = "List a group's members", description = "For its members and the ADMIN role.")
    @ApiResponse(responseCode = "200", description = "The members with their pointers")
    @ApiResponse(responseCode = "403", description = "Not a member, and not an admin")
    @ApiResponse(responseCode = "404", description = "No such group")
    List<MemberView> members(@Parameter(example = "team") @PathVariable String groupId, Authentication caller) {
        ImGroups api = groups();
        requireMemberOrAdmin(api, groupId, caller);
        return api.members(groupId).stream().map(MemberView::of).toList();
    }

    @PostMapping("/{groupId}/members")
    @Operation(summary = "Add a member", description = "The group's owner or the ADMIN role only. The new member"
            + " gets the messages sent from now on; adding a member again changes nothing.")
    @ApiResponse(responseCode = "200", description = "The membership, with the sequence number it starts after")
    @ApiResponse(responseCode = "403", description = "Not the owner, and not an admin")
    @ApiResponse(responseCode = "404", description = "No such group, or no such user")
    @ApiResponse(responseCode = "409", description = "The group is full (im.group.max-members), or the user is in"
            + " the most groups allowed (im.group.max-groups-per-user)")
    MemberView addMember(@Parameter(example = "team") @PathVariable String groupId,
            @JsonOrParams MemberRequest request, Authentication caller) {
        request.validate();
        ImGroups api = groups();
        requireOwner(api, groupId, caller, "add members");
        if (accounts.role(request.userId()).isEmpty()) {
            throw ApiException.unknownUser("No user '" + request.userId() + "' is registered");
        }
        return MemberView.of(api.addMember(groupId, request.userId()));
    }

    @DeleteMapping("/{groupId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member", description = "The owner or the ADMIN role removes anyone; a member may"
            + " remove itself (leave). A removed member gets nothing more of the group, live or at login.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", description = "Neither the owner, an admin, nor the member itself")
    @ApiResponse(responseCode = "404", description = "No such group, or the user is not a member")
    void removeMember(@Parameter(example = "team") @PathVariable String groupId,
            @Parameter(example = "bob") @PathVariable String userId, Authentication caller) {
        ImGroups api = groups();
        if (!userId.equals(caller.getName())) {
            requireOwner(api, groupId, caller, "remove other members");
        }
        if (!api.removeMember(groupId, userId)) {
            throw new GroupRefusedException(Reason.NOT_A_MEMBER, userId + " is not a member of group " + groupId);
        }
    }

    @GetMapping("/{groupId}/messages")
    @Operation(summary = "Read a group's messages by sequence number", description = "The messages after 'afterSeq'"
            + " (0 for the first), oldest first, at most 'limit' (1 to 500, default 50); page on with the last"
            + " one's seq. A member reads what was sent after it joined; the ADMIN role reads everything.")
    @ApiResponse(responseCode = "200", description = "A page, possibly empty")
    @ApiResponse(responseCode = "400", description = "'limit' or 'afterSeq' out of range")
    @ApiResponse(responseCode = "403", description = "Not a member, and not an admin")
    @ApiResponse(responseCode = "404", description = "No such group")
    List<GroupMessageView> messages(@Parameter(example = "team") @PathVariable String groupId,
            @Parameter(description = "Only messages after this sequence number", example = "0")
            @RequestParam(defaultValue = "0") long afterSeq,
            @Parameter(description = "The most messages to return, 1 to 500", example = "50")
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit, Authentication caller) {
        FieldChecks checks = new FieldChecks();
        if (limit < 1 || limit > ImGroups.MAX_HISTORY_PAGE) {
            checks.reject("limit", "must be between 1 and " + ImGroups.MAX_HISTORY_PAGE + ", got " + limit);
        }
        if (afterSeq < 0) {
            checks.reject("afterSeq", "must be 0 or more, got " + afterSeq);
        }
        checks.validate();
        ImGroups api = groups();
        boolean member = requireMemberOrAdmin(api, groupId, caller);
        return (member ? api.memberHistory(groupId, caller.getName(), afterSeq, limit)
                : api.history(groupId, afterSeq, limit)).stream().map(GroupMessageView::of).toList();
    }

    @GetMapping("/{groupId}/messages/{seq}/reads")
    @Operation(summary = "How many members read a group message", description = "The exact number of members,"
            + " other than its sender, who were members when it was sent and whose read pointer reached it. Groups"
            + " above im.receipts.group-push-max-members push no notice per reader: their senders ask here. For"
            + " members and the ADMIN role.")
    @ApiResponse(responseCode = "200", description = "The count")
    @ApiResponse(responseCode = "403", description = "Not a member, and not an admin")
    @ApiResponse(responseCode = "404", description = "No such group, or no message with that sequence number")
    @ApiResponse(responseCode = "503", description = "Groups or the read state are off (no database)")
    ReadCountView reads(@Parameter(example = "team") @PathVariable String groupId,
            @Parameter(example = "1") @PathVariable long seq, Authentication caller) {
        ImGroups api = groups();
        requireMemberOrAdmin(api, groupId, caller);
        ImReadState state = readState.getIfAvailable();
        if (state == null) {
            throw ApiException.unavailable("Read state is off: it needs the application's database");
        }
        long readBy = state.readCount(groupId, seq).orElseThrow(() -> ApiException.noSuchMessage("Group " + groupId
                + " has no message with sequence number " + seq));
        return new ReadCountView(groupId, seq, readBy);
    }

    private ImGroups groups() {
        ImGroups api = groups.getIfAvailable();
        if (api == null) {
            throw ApiException.unavailable("Groups are off: they need the application's database and"
                    + " im.group.enabled");
        }
        return api;
    }

    private static GroupInfo existing(ImGroups api, String groupId) {
        return api.group(groupId).orElseThrow(() -> new GroupRefusedException(Reason.NO_SUCH_GROUP,
                "There is no group " + groupId));
    }

    private static void requireOwner(ImGroups api, String groupId, Authentication caller, String what) {
        GroupInfo group = existing(api, groupId);
        if (!group.owner().equals(caller.getName()) && !Caller.isAdmin(caller)) {
            throw ApiException.forbidden("Only the owner of group " + groupId + " (" + group.owner() + ") or an"
                    + " admin may " + what);
        }
    }

    /** @return true when the caller is a member, false when it reads as an admin */
    private static boolean requireMemberOrAdmin(ImGroups api, String groupId, Authentication caller) {
        existing(api, groupId);
        if (api.isMember(groupId, caller.getName())) {
            return true;
        }
        if (Caller.isAdmin(caller)) {
            return false;
        }
        throw ApiException.forbidden("Your token is for '" + caller.getName() + "', who is not a member of group "
                + groupId);
    }
}
