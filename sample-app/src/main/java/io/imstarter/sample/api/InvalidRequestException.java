package io.imstarter.sample.api;

import java.util.Map;

/** A request body that breaks the API's rules; carries one message per offending field. */
class InvalidRequestException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    InvalidRequestException(Map<String, String> fieldErrors) {
        super("Invalid request: " + String.join("; ", fieldErrors.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
