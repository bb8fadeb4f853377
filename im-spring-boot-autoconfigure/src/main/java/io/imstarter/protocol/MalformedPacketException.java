package io.imstarter.protocol;

/** Input that default Gson would reject, or a payload that breaks the protocol's rules (error 304). */
public class MalformedPacketException extends Exception {

    public MalformedPacketException(String message) {
        super(message);
    }

    public MalformedPacketException(String message, Throwable cause) {
        super(message, cause);
    }
}
