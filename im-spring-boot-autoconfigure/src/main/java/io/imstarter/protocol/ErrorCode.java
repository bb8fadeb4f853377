package io.imstarter.protocol;

/** Error and result codes (wire protocol section 4). Codes 0 to 1024 are the framework's. */
public final class ErrorCode {

    public static final int OK = 0;
    public static final int UNKNOWN_ERROR = 2;
    public static final int SEND_FAILED = 3;
    public static final int INVALID_PACKET = 4;
    public static final int CONNECTION_BROKEN = 201;
    public static final int CONNECT_FAILED = 202;
    public static final int CLIENT_NOT_INITIALIZED = 203;
    public static final int LOCAL_NETWORK_DOWN = 204;
    public static final int SERVER_ADDRESS_NOT_SET = 205;

    public static final int NOT_LOGGED_IN = 301;
    public static final int FROM_MISMATCH = 302;
    public static final int TOO_LARGE = 303;
    public static final int MALFORMED = 304;
    public static final int RATE_LIMITED = 305;
    public static final int REFUSED = 306;
    /** In a type 50: the application kicked the user for a while, and that while has not ended. */
    public static final int LOGIN_SUSPENDED = 307;

    /** The first code applications may use, as login refusal codes. */
    public static final int FIRST_APPLICATION_CODE = 1025;

    private ErrorCode() {
    }
}
