package io.imstarter.protocol;

/** Type codes of the envelope's {@code type} field (wire protocol section 3.1). */
public final class PacketType {

    public static final int LOGIN = 0;
    public static final int KEEP_ALIVE = 1;
    public static final int DATA = 2;
    public static final int LOGOUT = 3;
    public static final int ACK = 4;
    public static final int ECHO = 5;

    public static final int LOGIN_RESPONSE = 50;
    public static final int KEEP_ALIVE_RESPONSE = 51;
    public static final int ERROR = 52;
    public static final int ECHO_RESPONSE = 53;
    public static final int KICKOUT = 54;

    private PacketType() {
    }

    /** Whether a client may send this type to a server; anything else is an unknown type. */
    public static boolean isClientToServer(int type) {
        return type >= LOGIN && type <= ECHO;
    }
}
