package io.imstarter.protocol;

/**
 * The payload of a type 0 login (section 3.2).
 *
 * @param loginUserId the user id to log in as; non-empty, not "0" or "-1"
 * @param loginToken the opaque credential checked by the login verifier
 * @param extra optional data opaque to the framework
 * @param firstLoginTime 0 or less on the first login of a client instance, else the value an earlier login returned
 */
public record LoginInfo(String loginUserId, String loginToken, String extra, long firstLoginTime) {
}
