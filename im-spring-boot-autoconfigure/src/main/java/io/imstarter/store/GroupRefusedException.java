package io.imstarter.store;

/** A group operation refused by the group's rules or limits; the message is one sentence naming the limit. */
public class GroupRefusedException extends RuntimeException {

    /** Why the operation was refused. */
    public enum Reason {
        /** The group does not exist. */
        NO_SUCH_GROUP,
        /** A group with that id exists already. */
        ALREADY_EXISTS,
        /** The sender or the user acted on is not a member. */
        NOT_A_MEMBER,
        /** The group has the most members allowed. */
        GROUP_FULL,
        /** The user belongs to the most groups allowed. */
        TOO_MANY_GROUPS,
        /** The application's group interceptor vetoed it. */
        VETOED
    }

    private final Reason reason;

    public GroupRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
