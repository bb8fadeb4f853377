package io.imstarter.sample.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a request record from a JSON body, or else from request parameters: the query string or a form post. The
 * seed tutorial calls {@code POST /api/loginConnect?username=..&password=..}; JSON clients send the same names in a
 * body. Resolved by {@link JsonOrParamsResolver}; {@link OpenApiConfiguration} documents the record as a JSON or
 * form body.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// Marks the record as the request body for springdoc, which otherwise documents no body for it.
@io.swagger.v3.oas.annotations.parameters.RequestBody
@interface JsonOrParams {
}
