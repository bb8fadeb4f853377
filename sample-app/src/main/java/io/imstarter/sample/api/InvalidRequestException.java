package io.imstarter.sample.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request body that breaks the API's rules; carries one message per offending field, in field order. */
class InvalidRequestException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    InvalidRequestException(Map<String, String> fieldErrors) {
        super("Invalid request: " + String.join("; ", fieldErrors.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
