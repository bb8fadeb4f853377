package io.imstarter.sample.users;

/**
 * A successful sign-in.
 *
 * @param username the user's name
 * @param role the user's role
 * @param registered whether this sign-in created the account (the first login of a new name)
 */
public record SignIn(String username, Role role, boolean registered) {
}
