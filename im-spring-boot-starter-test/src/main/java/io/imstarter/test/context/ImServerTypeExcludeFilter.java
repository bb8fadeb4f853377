package io.imstarter.test.context;

import io.imstarter.autoconfigure.ImServerCustomizer;
import io.imstarter.server.ImServerListener;
import io.imstarter.server.LoginVerifier;
import io.imstarter.server.MessageInterceptor;
import io.imstarter.server.OfflineHandler;
import io.imstarter.server.ServerTransport;
import io.imstarter.server.netty.GatewayPipelineCustomizer;
import io.imstarter.store.MessageStore;
import io.imstarter.test.ImServerTest;
import java.util.Set;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** The application's components an {@link ImServerTest} keeps: what shapes the IM server's behaviour. */
public final class ImServerTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<ImServerTest> {

    private static final Set<Class<?>> IM_COMPONENTS = Set.of(LoginVerifier.class, MessageInterceptor.class,
            OfflineHandler.class, MessageStore.class, ImServerCustomizer.class, ServerTransport.class,
            GatewayPipelineCustomizer.class, ImServerListener.class);

    ImServerTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }

    @Override
    protected Set<Class<?>> getKnownIncludes() {
        return IM_COMPONENTS;
    }
}
