package io.imstarter.sample.api;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

/** Registers the {@link JsonOrParams} binding with Spring MVC. */
@Configuration(proxyBeanMethods = false)
class WebBindingConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;

    WebBindingConfiguration(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        this.adapter = adapter;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        // The adapter is built after this call and owns the configured converters, so look it up on first use.
        resolvers.add(new JsonOrParamsResolver(SingletonSupplier.of(
                () -> new RequestResponseBodyMethodProcessor(adapter.getObject().getMessageConverters()))));
    }
}
