package io.imstarter.store;

/** A group message a member names in a read receipt, with the member's position in the group. */
public record GroupRead(ReadTarget message, GroupReader reader) {
}
