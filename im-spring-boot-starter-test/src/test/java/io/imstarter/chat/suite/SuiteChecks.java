package io.imstarter.chat.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.server.ImServer;
import io.imstarter.test.ImTestClients;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What the suite proves around its tests. Before each class: every class of the suite got the same context, started
 * once. Before each test and after each class (JUnit has closed the previous test's clients by then): no test client
 * is open, no session is logged in and no TCP or WebSocket connection is open on the server.
 */
final class SuiteChecks implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final Set<ApplicationContext> CONTEXTS = ConcurrentHashMap.newKeySet();

    /** Closing is asynchronous on the server's side: the channel closes once the logout has been read. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @Override
    public void beforeAll(ExtensionContext extension) {
        CONTEXTS.add(SpringExtension.getApplicationContext(extension));
        assertThat(CONTEXTS).as("contexts of the suite's classes").hasSize(1);
        assertThat(OpenChannels.CONTEXT_STARTS).as("starts of the suite's context").hasValue(1);
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        assertNothingOpen(extension);
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        assertNothingOpen(extension);
    }

    private static void assertNothingOpen(ExtensionContext extension) {
        ApplicationContext context = SpringExtension.getApplicationContext(extension);
        assertThat(context.getBean(ImTestClients.class).openClients()).as("open test clients").isZero();
        ImServer server = context.getBean(ImServer.class);
        OpenChannels channels = context.getBean(OpenChannels.class);
        await().atMost(CLOSE_WAIT).untilAsserted(() -> {
            assertThat(server.onlineUsers()).as("users logged in").isEmpty();
            assertThat(channels.open()).as("open TCP and WebSocket connections").isZero();
        });
    }
}
