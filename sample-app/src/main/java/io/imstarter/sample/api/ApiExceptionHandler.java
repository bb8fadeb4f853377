package io.imstarter.sample.api;

import io.imstarter.client.ImClientException;
import io.imstarter.sample.users.RegistrationRefusedException;
import io.imstarter.store.GroupRefusedException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every API error as an RFC 9457 problem detail; the base class covers Spring MVC's own errors
 * (unreadable JSON, wrong method, unknown path) the same way, and the security filters hand their 401 and 403 here.
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

    /** No token, a bad or expired one (from the security filters), or a wrong password. */
    @ExceptionHandler
    ProblemDetail unauthenticated(AuthenticationException error) {
        String detail = error instanceof BadCredentialsException ? error.getMessage()
                : "This call needs a valid bearer token (" + error.getMessage() + "). Get one with POST /api/token"
                        + " (username and password) and send it as 'Authorization: Bearer <token>'.";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Unauthorized");
        return problem;
    }

    /** A valid token without the role the call needs (from the security filters). */
    @ExceptionHandler
    ProblemDetail forbidden(AccessDeniedException error) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Your token's user may not make this call. Push, kick, the online list with addresses, the"
                        + " embedded client list and Actuator's other endpoints need the ADMIN role");
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail registrationRefused(RegistrationRefusedException error) {
        if (error.full()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, error.getMessage());
            problem.setTitle("Registration closed");
            return problem;
        }
        return badRequest("Invalid request", error, "errors", Map.of("password", error.getMessage()));
    }

    /** A client operation that failed outright, e.g. because the link to the IM server broke meanwhile. */
    /** A group's rules or limits: the sentence names the limit. */
    @ExceptionHandler
    ProblemDetail groupRefused(GroupRefusedException error) {
        HttpStatus status = switch (error.reason()) {
            case NO_SUCH_GROUP -> HttpStatus.NOT_FOUND;
            case NOT_A_MEMBER, VETOED -> HttpStatus.FORBIDDEN;
            case ALREADY_EXISTS, GROUP_FULL, TOO_MANY_GROUPS -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, error.getMessage());
        problem.setTitle("Group refused: " + error.reason().name().toLowerCase(Locale.ROOT)
                .replace('_', ' '));
        problem.setProperty("reason", error.reason().name());
        return problem;
    }

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
