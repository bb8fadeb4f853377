package io.imstarter.autoconfigure;

import io.imstarter.event.ImEvent;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Turns {@code @EventListener} methods for {@link ImEvent}s into listeners whose exceptions are logged instead of
 * thrown. Spring's multicaster stops at the first listener that throws; IM events are notifications, so one
 * failing listener must not keep the event from the others. Conditions, ordering and return values work as usual.
 * Ordered after transactional listener factories, which keep their own semantics.
 */
final class IsolatingEventListenerFactory implements EventListenerFactory, Ordered {

    private static final Logger log = LoggerFactory.getLogger(IsolatingEventListenerFactory.class);

    /** The first listener failure of the publication under way on this thread, when its publisher asked for it. */
    private static final ThreadLocal<RuntimeException[]> firstFailure = new ThreadLocal<>();

    /**
     * Runs a publication on this thread and returns the first exception an isolated listener threw during it, or
     * null: the listeners stay isolated from each other, yet the publisher learns that the event was not handled.
     */
    static RuntimeException firstFailureDuring(Runnable publication) {
        RuntimeException[] outer = firstFailure.get();
        RuntimeException[] slot = new RuntimeException[1];
        firstFailure.set(slot);
        try {
            publication.run();
        }
        finally {
            if (outer == null) {
                firstFailure.remove();
            }
            else {
                firstFailure.set(outer);
            }
        }
        return slot[0];
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;
    }

    @Override
    public boolean supportsMethod(Method method) {
        EventListener annotation = AnnotatedElementUtils.findMergedAnnotation(method, EventListener.class);
        Class<?>[] declared = (annotation != null && annotation.classes().length > 0) ? annotation.classes()
                : method.getParameterTypes();
        return declared.length > 0 && Stream.of(declared).allMatch(ImEvent.class::isAssignableFrom);
    }

    @Override
    public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
        return new IsolatedListener(beanName, type, method);
    }

    private static final class IsolatedListener extends ApplicationListenerMethodAdapter {

        IsolatedListener(String beanName, Class<?> targetClass, Method method) {
            super(beanName, targetClass, method);
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            try {
                super.onApplicationEvent(event);
            }
            catch (RuntimeException ex) {
                log.warn("IM event listener {} failed; other listeners still get the event", getTargetMethod(), ex);
                RuntimeException[] slot = firstFailure.get();
                if (slot != null && slot[0] == null) {
                    slot[0] = ex;
                }
            }
        }
    }
}
