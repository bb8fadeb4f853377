package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.event.ImClientLinkClosedEvent;
import io.imstarter.event.ImUserLoggedInEvent;
import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/** Publishing of IM events: off the caller's thread, bounded, conditions on record accessors, isolated failures. */
class ImEventsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImEventsAutoConfiguration.class))
            .withUserConfiguration(Listeners.class);

    @Test
    void aThrowingListenerDoesNotKeepTheEventFromOthers() {
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            context.getBean(ImEventPublisher.class).publish(loggedIn("u1"));

            await().atMost(Duration.ofSeconds(10)).until(() -> listeners.afterThrowing.size() == 1);
            assertThat(listeners.throwingCalls).hasValue(1);
        });
    }

    @Test
    void listenerConditionsReadRecordComponents() {
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            ImEventPublisher publisher = context.getBean(ImEventPublisher.class);
            publisher.publish(loggedIn("u2"));
            publisher.publish(loggedIn("u1"));

            // each listener is called in turn for an event: wait for all of them to have seen both
            await().atMost(Duration.ofSeconds(10)).until(() -> listeners.afterThrowing.size() == 2
                    && !listeners.onlyU1.isEmpty());
            assertThat(listeners.onlyU1).extracting(ImUserLoggedInEvent::userId).containsExactly("u1");
        });
    }

    @Test
    void listenersRunOnTheNamedEventThreadInPublishingOrder() {
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            ImEventPublisher publisher = context.getBean(ImEventPublisher.class);
            for (int i = 0; i < 50; i++) {
                publisher.publish(new ImClientLinkClosedEvent("c" + i, i));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> listeners.linkClosed.size() == 50);
            assertThat(listeners.linkClosed).extracting(ImClientLinkClosedEvent::code)
                    .isSorted().doesNotHaveDuplicates();
            assertThat(listeners.threadNames).allMatch(name -> name.startsWith("im-event-"));
        });
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        runner.withPropertyValues("im.events.queue-capacity=2").run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            ImEventPublisher publisher = context.getBean(ImEventPublisher.class);
            publisher.publish(new ImClientLinkClosedEvent("blocker", -1));
            assertThat(listeners.blockerEntered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                publisher.publish(new ImClientLinkClosedEvent("c" + i, i));
            }
            assertThat(publisher.droppedEvents()).isEqualTo(3);
            listeners.releaseBlocker.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> listeners.linkClosed.size() == 2);
            assertThat(listeners.linkClosed).extracting(ImClientLinkClosedEvent::code).containsExactly(0, 1);
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("im.events.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ImEventPublisher.class));
    }

    @Test
    void userPublisherWins() {
        runner.withBean("custom", ImEventPublisher.class,
                () -> new ImEventPublisher(event -> { }, 1, 1))
                .run(context -> assertThat(context).getBean(ImEventPublisher.class)
                        .isSameAs(context.getBean("custom")));
    }

    @Test
    void zeroThreadsFailsNamingTheProperty() {
        runner.withPropertyValues("im.events.threads=0").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("im.events.threads"));
    }

    private static ImUserLoggedInEvent loggedIn(String userId) {
        return new ImUserLoggedInEvent(userId, Transport.TCP, new InetSocketAddress("127.0.0.1", 40000), 1L);
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final AtomicInteger throwingCalls = new AtomicInteger();

        final List<ImUserLoggedInEvent> afterThrowing = new CopyOnWriteArrayList<>();

        final List<ImUserLoggedInEvent> onlyU1 = new CopyOnWriteArrayList<>();

        final List<ImClientLinkClosedEvent> linkClosed = new CopyOnWriteArrayList<>();

        final List<String> threadNames = new CopyOnWriteArrayList<>();

        final CountDownLatch blockerEntered = new CountDownLatch(1);

        final CountDownLatch releaseBlocker = new CountDownLatch(1);

        @EventListener
        @Order(1)
        void throwing(ImUserLoggedInEvent event) {
            throwingCalls.incrementAndGet();
            throw new IllegalStateException("listener failure on purpose");
        }

        @EventListener
        @Order(2)
        void afterThrowing(ImUserLoggedInEvent event) {
            afterThrowing.add(event);
        }

        @EventListener(condition = "#event.userId == 'u1'")
        void onlyU1(ImUserLoggedInEvent event) {
            onlyU1.add(event);
        }

        @EventListener
        void linkClosed(ImClientLinkClosedEvent event) throws InterruptedException {
            if (event.code() < 0) {
                blockerEntered.countDown();
                releaseBlocker.await(10, TimeUnit.SECONDS);
                return;
            }
            threadNames.add(Thread.currentThread().getName());
            linkClosed.add(event);
        }
    }
}
