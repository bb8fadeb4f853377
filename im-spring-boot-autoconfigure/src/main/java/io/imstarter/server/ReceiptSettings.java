package io.imstarter.server;

import io.imstarter.protocol.InvalidSettingException;
import java.time.Duration;

/**
 * Read receipts and unread counts ({@code im.receipts.*}, wire protocol section 14): off by default, so a stock
 * client's traffic is unchanged until the application turns them on. A JavaBean whose field initializers are the
 * defaults; the Spring edge binds it directly.
 */
public class ReceiptSettings {

    /**
     * Whether a type 2 to "0" with {@link #typeu} is a read receipt. When false it is an ordinary C2S message, handed
     * to the application as before.
     */
    private boolean enabled = false;

    /** The typeu of read receipts (client to server) and of the read notices the server pushes. */
    private int typeu = 1000;

    /**
     * Groups with more members than this push no notice per reader to a message's sender; the sender asks how many
     * have read instead ({@code ImReadState.readCount}).
     */
    private int groupPushMaxMembers = 200;

    /** How long a moved read pointer waits in memory to be written with others: one write per interval at most. */
    private Duration coalesceInterval = Duration.ofMillis(500);

    /** The most read pointers kept in memory; beyond it a pointer is written at once. */
    private int maxPendingPointers = 10_000;

    /** Unread counts are capped at this for display ("999+"); the total is capped at it as well. */
    private int maxUnreadCount = 999;

    /** Validates the values; fails with the first setting the server cannot run with. */
    public void validate() {
        InvalidSettingException.requireAtLeast("receipts.groupPushMaxMembers", 0, groupPushMaxMembers);
        InvalidSettingException.requirePositive("receipts.coalesceInterval", coalesceInterval);
        InvalidSettingException.requireAtLeast("receipts.maxPendingPointers", 1, maxPendingPointers);
        InvalidSettingException.requireAtLeast("receipts.maxUnreadCount", 1, maxUnreadCount);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getTypeu() {
        return typeu;
    }

    public void setTypeu(int typeu) {
        this.typeu = typeu;
    }

    public int getGroupPushMaxMembers() {
        return groupPushMaxMembers;
    }

    public void setGroupPushMaxMembers(int groupPushMaxMembers) {
        this.groupPushMaxMembers = groupPushMaxMembers;
    }

    public Duration getCoalesceInterval() {
        return coalesceInterval;
    }

    public void setCoalesceInterval(Duration coalesceInterval) {
        this.coalesceInterval = coalesceInterval;
    }

    public int getMaxPendingPointers() {
        return maxPendingPointers;
    }

    public void setMaxPendingPointers(int maxPendingPointers) {
        this.maxPendingPointers = maxPendingPointers;
    }

    public int getMaxUnreadCount() {
        return maxUnreadCount;
    }

    public void setMaxUnreadCount(int maxUnreadCount) {
        this.maxUnreadCount = maxUnreadCount;
    }
}
