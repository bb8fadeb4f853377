package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request whose body or parameters cannot be read at all; names the fields the endpoint expects instead. */
class UnreadableRequestException extends RuntimeException {

    private final Map<String, String> expectedFields;

    UnreadableRequestException(Class<?> requestType, Throwable cause) {
        this(expectedFields(requestType), cause);
    }

    private UnreadableRequestException(Map<String, String> expectedFields, Throwable cause) {
        super("The request is not readable. Send a JSON object, a form or query parameters with the fields: "
                + String.join(", ", expectedFields.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()), cause);
        this.expectedFields = expectedFields;
    }

    /** Field name to "required" or "optional", in declaration order. */
    Map<String, String> expectedFields() {
        return expectedFields;
    }

    private static Map<String, String> expectedFields(Class<?> requestType) {
        Map<String, String> fields = new LinkedHashMap<>();
        RecordComponent[] components = requestType.getRecordComponents();
        Arrays.stream(components == null ? new RecordComponent[0] : components).forEach(component -> {
            Schema schema = component.getAccessor().getAnnotation(Schema.class);
            boolean required = schema != null && schema.requiredMode() == Schema.RequiredMode.REQUIRED;
            fields.put(component.getName(), required ? "required" : "optional");
        });
        return Collections.unmodifiableMap(fields);
    }
}
