package io.imstarter.test;

import io.imstarter.protocol.Transport;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A logged-in user as a test method parameter, in the spirit of Spring Security's {@code @WithMockUser}:
 * {@code @ImUser("alice") ImTestClient alice} logs alice in to the application's IM server before the test runs and
 * logs her out after it. On an {@link ImRawClient} parameter it picks the transport of a raw connection, which is
 * not logged in. Needs {@code @ImTest} or {@code @ImServerTest} on the class.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ImUser {

    /** The user id to log in as. */
    String value() default "";

    /** The transport to connect with. */
    Transport transport() default Transport.TCP;

    /**
     * The login token; empty for the application's test token (issued by its {@code ImTokenIssuer} when
     * {@code im.server.auth.jwt.secret} is set) or none.
     */
    String token() default "";

    /**
     * Whether the client ACKs the messages it receives; false makes a receiver that is connected but never
     * confirms, so that the sender's and the server's loss paths can be tested.
     */
    boolean acknowledge() default true;
}
