package io.imstarter.protocol;

/**
 * The payload of a type 52 error packet (section 3.2).
 *
 * @param errorCode the error code, see {@link ErrorCode}
 * @param errorMsg a sentence naming the problem
 */
public record ErrorResponse(int errorCode, String errorMsg) {
}
