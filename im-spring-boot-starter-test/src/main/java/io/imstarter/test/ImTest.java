package io.imstarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@code @SpringBootTest} of the whole application with the IM test defaults ({@link AutoConfigureImTest}):
 * gateways on ephemeral ports, short QoS timers, an embedded H2 store when the application has no
 * {@code DataSource}, and {@code @ImUser} test clients as method parameters, logged out after each test.
 * Test classes with the same attributes share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@AutoConfigureImTest
public @interface ImTest {

    /** Properties in {@code key=value} form, above the IM test defaults and the application's files. */
    @AliasFor(annotation = SpringBootTest.class)
    String[] properties() default {};

    /** The component classes of the context; the application's {@code @SpringBootConfiguration} when empty. */
    @AliasFor(annotation = SpringBootTest.class)
    Class<?>[] classes() default {};

    /** The web environment; a mock one by default, as {@code @SpringBootTest}'s. */
    @AliasFor(annotation = SpringBootTest.class)
    WebEnvironment webEnvironment() default WebEnvironment.MOCK;
}
