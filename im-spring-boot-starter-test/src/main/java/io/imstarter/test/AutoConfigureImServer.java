package io.imstarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * The IM server, its store (on the application's {@code DataSource}, or an embedded H2 one), token login and the
 * Spring events, with the IM test defaults: what {@link ImServerTest} applies, and what another slice
 * ({@code @WebMvcTest}, say) can add. No web layer and no Redis. The auto-configurations come from
 * {@code META-INF/spring/io.imstarter.test.AutoConfigureImServer.imports}, as in Boot's own slices, and honour
 * {@code spring.autoconfigure.exclude}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@AutoConfigureImTest
public @interface AutoConfigureImServer {
}
