package io.imstarter.sample.api;

import io.imstarter.client.ImClientException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every API error as an RFC 9457 problem detail; the base class covers Spring MVC's own errors
 * (unreadable JSON, wrong method, unknown path) the same way.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail apiError(ApiException error) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), error.getMessage());
        problem.setTitle(error.title());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException error) {
        return badRequest("Invalid request", error, "errors", error.fieldErrors());
    }

    @ExceptionHandler
    ProblemDetail unreadableRequest(UnreadableRequestException error) {
        return badRequest("Unreadable request", error, "expectedFields", error.expectedFields());
    }

    /** A client operation that failed outright, e.g. because the link to the IM server broke meanwhile. */
    @ExceptionHandler
    ProblemDetail clientError(ImClientException error) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Embedded client failed with code " + error.code() + ": " + error.getMessage());
        problem.setTitle("IM client error");
        problem.setProperty("code", error.code());
        return problem;
    }

    private static ProblemDetail badRequest(String title, RuntimeException error, String property, Object value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, error.getMessage());
        problem.setTitle(title);
        problem.setProperty(property, value);
        return problem;
    }
}
