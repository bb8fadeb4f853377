package io.imstarter.group;

/** Told of every membership change {@link ImGroups} commits; called on the caller's thread after the commit. */
@FunctionalInterface
public interface GroupListener {

    /** Tells nobody. */
    GroupListener NONE = change -> {
    };

    void onChange(GroupChange change);
}
