package io.imstarter.client;

/** A client operation failed; {@link #code()} is one of the protocol's error codes (section 4). */
public class ImClientException extends RuntimeException {

    private final int code;

    public ImClientException(int code, String message) {
        super(message);
        this.code = code;
    }

    public ImClientException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
