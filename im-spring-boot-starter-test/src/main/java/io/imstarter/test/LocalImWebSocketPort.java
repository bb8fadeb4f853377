package io.imstarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the IM server's WebSocket gateway bound, {@code local.im.server.websocket.port}, as Boot's
 * {@code @LocalServerPort} injects the web server's.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${local.im.server.websocket.port}")
public @interface LocalImWebSocketPort {
}
