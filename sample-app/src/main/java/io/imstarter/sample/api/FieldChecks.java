package io.imstarter.sample.api;

import io.imstarter.protocol.UserIds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Explicit bean validation for request bodies (the sample has no Bean Validation provider): collect every field's
 * problem, then fail once with all of them.
 */
final class FieldChecks {

    /** The longest user id the API accepts. */
    static final int MAX_USER_ID_LENGTH = 64;

    /** The longest message text; short enough to fit any transport's frame even with escaping. */
    static final int MAX_MESSAGE_LENGTH = 1000;

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** A user id that may log in: non-blank, at most 64 characters, not the reserved "0" or "-1". */
    FieldChecks userId(String field, String value) {
        if (value == null || value.isBlank()) {
            return reject(field, "must not be blank");
        }
        if (value.length() > MAX_USER_ID_LENGTH) {
            return reject(field, "must be at most " + MAX_USER_ID_LENGTH + " characters");
        }
        if (!UserIds.isLoginable(value)) {
            return reject(field, "must not be the reserved id \"0\" (server) or \"-1\" (unknown)");
        }
        return this;
    }

    FieldChecks present(String field, Object value) {
        return value == null ? reject(field, "is required") : this;
    }

    FieldChecks text(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return reject(field, "must not be empty");
        }
        return maxLength(field, value, maxLength);
    }

    FieldChecks maxLength(String field, String value, int maxLength) {
        return value != null && value.length() > maxLength
                ? reject(field, "must be at most " + maxLength + " characters, got " + value.length())
                : this;
    }

    FieldChecks reject(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    /** Fails with every collected problem, or does nothing when there is none. */
    void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
