package io.imstarter.protocol;

/**
 * The payload of a type 50 login response (section 3.2).
 *
 * @param code 0 when accepted, otherwise the refusal code
 * @param firstLoginTime on success the value the client keeps, on refusal -1
 */
public record LoginResponse(int code, long firstLoginTime) {

    public boolean accepted() {
        return code == ErrorCode.OK;
    }
}
