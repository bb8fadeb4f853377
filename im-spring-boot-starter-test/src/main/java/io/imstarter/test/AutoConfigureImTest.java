package io.imstarter.test;

import io.imstarter.test.context.ImTestDefaultsFactory;
import io.imstarter.test.context.ImTestExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The IM test defaults for a Spring test, whatever else configures it: every gateway on an ephemeral port of
 * 127.0.0.1 (published as {@code local.im.server.<transport>.port}), QoS timers that report a loss in about a
 * second, a short shutdown grace period, no cluster; the {@link ImTestClients} bean; and {@link ImUser} parameters.
 * The test's own properties override any default. The auto-configurations come from
 * {@code META-INF/spring/io.imstarter.test.AutoConfigureImTest.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@ContextCustomizerFactories(ImTestDefaultsFactory.class)
@ExtendWith(ImTestExtension.class)
public @interface AutoConfigureImTest {
}
