package io.imstarter.test;

import io.imstarter.test.context.ImServerTestContextBootstrapper;
import io.imstarter.test.context.ImServerTypeExcludeFilter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice of the application's messaging: only the auto-configurations of {@link AutoConfigureImServer} (IM
 * server, store, token login, events; no web server, no Redis) and, of the application's components, its IM
 * strategies, customizers and listeners ({@code LoginVerifier}, {@code MessageInterceptor}, {@code OfflineHandler},
 * {@code MessageStore}, {@code ImServerCustomizer}, {@code GatewayPipelineCustomizer}, {@code ImServerListener}).
 * Other components, such as {@code @EventListener} beans, come in with {@link #includeFilters()} or
 * {@code @Import}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(ImServerTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(ImServerTypeExcludeFilter.class)
@AutoConfigureImServer
@ImportAutoConfiguration
public @interface ImServerTest {

    /** Properties in {@code key=value} form, above the IM test defaults and the application's files. */
    String[] properties() default {};

    /** Whether the application's IM components are found by component scanning. */
    boolean useDefaultFilters() default true;

    /** More of the application's components to include. */
    Filter[] includeFilters() default {};

    /** Components to leave out. */
    Filter[] excludeFilters() default {};

    /** Auto-configurations to leave out. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
