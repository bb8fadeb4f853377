package io.imstarter.server;

import io.imstarter.protocol.InvalidSettingException;

/**
 * Group conversations ({@code im.group.*}): how a group is addressed on the wire, who a member's copy comes from,
 * the limits, and how far a member is caught up at login. A JavaBean whose field initializers are the defaults; the
 * Spring edge binds it directly.
 */
public class GroupSettings {

    /** Whether type 2 messages to a group address are routed to the group (needs a group store). */
    private boolean enabled = true;

    /** Prefix that marks a {@code to} as a group address: {@code <prefix><groupId>}. */
    private String addressPrefix = "g:";

    /** What a member's copy carries in {@code from}: the group's address, or the sender's user id. */
    private GroupCopyFrom copyFrom = GroupCopyFrom.GROUP;

    /** Maximum members of one group; the next join is refused. */
    private int maxMembers = 500;

    /** Maximum groups one user may belong to; the next create or join is refused. */
    private int maxGroupsPerUser = 1000;

    /**
     * Maximum messages of one group caught up at a member's login; older ones are left to the group's history.
     */
    private int maxReplayPerGroup = 1000;

    /**
     * Maximum copies of one group's messages sent to one member without its ACK; the rest follow as ACKs come.
     */
    private int maxUnackedPerMember = 100;

    /** Validates the values; fails with the first setting the server cannot run with. */
    public void validate() {
        if (addressPrefix == null || addressPrefix.isEmpty() || "0".equals(addressPrefix)
                || "-1".equals(addressPrefix)) {
            throw new InvalidSettingException("group.addressPrefix", addressPrefix,
                    "must be a non-empty prefix other than \"0\" and \"-1\"");
        }
        InvalidSettingException.requireAtLeast("group.maxMembers", 2, maxMembers);
        InvalidSettingException.requireAtLeast("group.maxGroupsPerUser", 1, maxGroupsPerUser);
        InvalidSettingException.requireAtLeast("group.maxReplayPerGroup", 1, maxReplayPerGroup);
        InvalidSettingException.requireAtLeast("group.maxUnackedPerMember", 1, maxUnackedPerMember);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getAddressPrefix() {
        return addressPrefix;
    }

    public void setAddressPrefix(String addressPrefix) {
        this.addressPrefix = addressPrefix;
    }

    public GroupCopyFrom getCopyFrom() {
        return copyFrom;
    }

    public void setCopyFrom(GroupCopyFrom copyFrom) {
        this.copyFrom = copyFrom;
    }

    public int getMaxMembers() {
        return maxMembers;
    }

    public void setMaxMembers(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    public int getMaxGroupsPerUser() {
        return maxGroupsPerUser;
    }

    public void setMaxGroupsPerUser(int maxGroupsPerUser) {
        this.maxGroupsPerUser = maxGroupsPerUser;
    }

    public int getMaxReplayPerGroup() {
        return maxReplayPerGroup;
    }

    public void setMaxReplayPerGroup(int maxReplayPerGroup) {
        this.maxReplayPerGroup = maxReplayPerGroup;
    }

    public int getMaxUnackedPerMember() {
        return maxUnackedPerMember;
    }

    public void setMaxUnackedPerMember(int maxUnackedPerMember) {
        this.maxUnackedPerMember = maxUnackedPerMember;
    }

    /** The wire address of a group. */
    public String address(String groupId) {
        return addressPrefix + groupId;
    }

    /** Whether {@code to} addresses a group: the prefix followed by at least one character. */
    public boolean isGroupAddress(String to) {
        return to != null && to.length() > addressPrefix.length() && to.startsWith(addressPrefix);
    }

    /** The group id of a group address. */
    public String groupId(String address) {
        return address.substring(addressPrefix.length());
    }
}
