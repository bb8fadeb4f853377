package io.imstarter.sample;

import io.imstarter.test.ImTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole sample with the IM test defaults (HTTP and the three IM gateways on ephemeral ports of 127.0.0.1, QoS
 * timers of about a second) and an in-memory database. Test classes carrying it share one Spring context, and so one
 * user table and one IM server: each uses its own user names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ImTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ack-wait=5s")
@interface SharedSampleContext {
}
