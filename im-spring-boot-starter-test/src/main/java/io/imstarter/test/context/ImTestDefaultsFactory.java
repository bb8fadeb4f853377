package io.imstarter.test.context;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Adds the {@link ImTestDefaults} to the tests that declare it through {@code @AutoConfigureImTest}. */
public final class ImTestDefaultsFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new ImTestDefaults();
    }
}
