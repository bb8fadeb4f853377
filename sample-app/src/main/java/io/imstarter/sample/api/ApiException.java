package io.imstarter.sample.api;

import org.springframework.http.HttpStatus;

/** A request that cannot be served, answered as an RFC 9457 problem detail with this status, title and detail. */
class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    ApiException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static ApiException unknownUser(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "Unknown user", detail);
    }

    static ApiException notLoggedIn(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Not logged in", detail);
    }

    static ApiException noSuchMessage(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "No such message", detail);
    }

    static ApiException notStored(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Not stored", detail);
    }

    static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "IM service unavailable", detail);
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
