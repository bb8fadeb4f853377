package io.imstarter.protocol;

/**
 * The payload of a type 54 kick-out (section 3.2).
 *
 * @param code {@link #DUPLICATE_LOGIN} or {@link #KICKED_BY_APPLICATION}
 * @param reason optional text from the application
 */
public record KickoutInfo(int code, String reason) {

    public static final int DUPLICATE_LOGIN = 1;
    public static final int KICKED_BY_APPLICATION = 2;
}
