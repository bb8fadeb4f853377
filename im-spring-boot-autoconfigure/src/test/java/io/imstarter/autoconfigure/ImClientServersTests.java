package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.awaitility.Awaitility.await;

import io.imstarter.client.ImClient;
import io.imstarter.client.ImClientManager;
import io.imstarter.client.ServerAddress;
import io.imstarter.event.ImClientLoginResultEvent;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * {@code im.client.servers}: a list of {@code host:port} that wins over host and port, whose clients log in on the
 * first server that answers and say where in their login events; a bad list fails at startup naming the entry.
 */
class ImClientServersTests {

    @RegisterExtension
    static final ImServerExtension live = new ImServerExtension();

    /** Stopped before use: its port refuses connections. */
    @RegisterExtension
    static final ImServerExtension stopped = new ImServerExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImEventsAutoConfiguration.class,
                    ImServerAutoConfiguration.class, ImClientAutoConfiguration.class))
            .withPropertyValues("im.server.enabled=false");

    @Test
    void clientsLogInOnTheFirstListedServerThatAnswersAndNameItInTheirEvents() {
        int refusing = stopped.server().port(Transport.TCP);
        stopped.server().stop();
        ServerAddress answering = new ServerAddress("127.0.0.1", live.server().port(Transport.TCP));
        runner.withUserConfiguration(LoginResults.class)
                .withPropertyValues("im.client.host=unused.invalid", "im.client.port=1",
                        "im.client.servers=127.0.0.1:" + refusing + ", " + answering)
                .run(context -> {
                    ImClientManager clients = context.getBean(ImClientManager.class);

                    assertThat(clients.login("alice", "tk", null).get(10, TimeUnit.SECONDS).accepted()).isTrue();

                    assertThat(clients.find("alice").map(ImClient::server)).contains(answering);
                    LoginResults results = context.getBean(LoginResults.class);
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(results.events)
                            .extracting(ImClientLoginResultEvent::server).containsExactly(answering.toString()));
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "im.client.servers= | im.client.servers | at least one server",
            "im.client.servers=im.example.com | im.client.servers[0] | has no port",
            "im.client.servers=a:8901,b:70000 | im.client.servers[1] | between 1 and 65535",
            "im.client.servers=a:8901,b:0 | im.client.servers[1] | between 1 and 65535",
            "im.client.servers=a:8901,b:port | im.client.servers[1] | no numeric port",
            "im.client.servers=:8901 | im.client.servers[0] | host must be set",
            "im.client.servers=::1:8901 | im.client.servers[0] | IPv6 host in brackets" })
    void aBadServerListFailsAtStartupNamingTheEntry(String property, String key, String reason) {
        runner.withPropertyValues(property).run(context -> assertThat(context).getFailure().rootCause()
                .asInstanceOf(type(InvalidConfigurationPropertyValueException.class))
                .satisfies(failure -> {
                    assertThat(failure.getName()).isEqualTo(key);
                    assertThat(failure.getMessage()).contains(reason);
                }));
    }

    @Test
    void bracketedIpv6AddressesAreAccepted() {
        runner.withPropertyValues("im.client.servers=[::1]:8901,127.0.0.1:8901")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ImClientManager.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class LoginResults {

        final List<ImClientLoginResultEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void loginResult(ImClientLoginResultEvent event) {
            events.add(event);
        }
    }
}
