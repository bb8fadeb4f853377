package io.imstarter.sample.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.Conventions;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

/**
 * Resolves {@link JsonOrParams} arguments: a JSON request with a body is read by Spring's own
 * {@code @RequestBody} processor; any other request (query string, form post, empty JSON body) is bound by
 * constructor binding from its request parameters. One handler method therefore serves every call shape.
 */
final class JsonOrParamsResolver implements HandlerMethodArgumentResolver {

    /** Spring's body reader, built on first use from the MVC message converters (they exist only after startup). */
    private final Supplier<RequestResponseBodyMethodProcessor> json;

    JsonOrParamsResolver(Supplier<RequestResponseBodyMethodProcessor> json) {
        this.json = json;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(JsonOrParams.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binderFactory) throws Exception {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        if (isJson(servletRequest)) {
            Object body = readJson(parameter, container, request, binderFactory);
            if (body != null) {
                return body;
            }
        }
        return bindParameters(parameter, servletRequest, request, binderFactory);
    }

    private static boolean isJson(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException invalid) {
            throw new HttpMediaTypeNotSupportedException(invalid.getMessage());
        }
    }

    /** The record read from the body, or null when the body is empty. */
    private Object readJson(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binderFactory) throws Exception {
        try {
            return json.get().resolveArgument(parameter, container, request, binderFactory);
        } catch (HttpMessageNotReadableException unreadable) {
            throw new UnreadableRequestException(parameter.getParameterType(), unreadable);
        }
    }

    private static Object bindParameters(MethodParameter parameter, HttpServletRequest servletRequest,
            NativeWebRequest request, WebDataBinderFactory binderFactory) throws Exception {
        WebDataBinder binder = binderFactory.createBinder(request, null, Conventions.getVariableNameForParameter(
                parameter), ResolvableType.forMethodParameter(parameter));
        ((ServletRequestDataBinder) binder).construct(servletRequest);
        BindingResult result = binder.getBindingResult();
        if (result.hasErrors() || binder.getTarget() == null) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : result.getFieldErrors()) {
                errors.putIfAbsent(error.getField(), "cannot take the value '" + error.getRejectedValue() + "'");
            }
            throw errors.isEmpty() ? new UnreadableRequestException(parameter.getParameterType(), null)
                    : new InvalidRequestException(errors);
        }
        return binder.getTarget();
    }
}
