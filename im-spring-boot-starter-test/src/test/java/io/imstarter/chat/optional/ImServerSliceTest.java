package io.imstarter.chat.optional;

import static io.imstarter.test.ImAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.autoconfigure.ImEventPublisher;
import io.imstarter.server.ImServer;
import io.imstarter.store.MessageStore;
import io.imstarter.test.ImServerTest;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.context.WebApplicationContext;

/**
 * The slice starts the IM server, its store and the events, and neither a web layer nor Redis, though both are on
 * this class path ({@link FullContextTest} shows Redis in the full context).
 */
@Tag("optional-dependencies")
@ImServerTest
class ImServerSliceTest {

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void startsTheImServerItsStoreAndTheEvents() {
        assertThat(context.getBean(ImServer.class).isRunning()).isTrue();
        assertThat(context.getBeanNamesForType(MessageStore.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(ImEventPublisher.class)).hasSize(1);
    }

    @Test
    void startsNoWebLayerAndNoRedis() {
        assertThat(context).isNotInstanceOf(WebApplicationContext.class);
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DataRedisConnectionDetails.class)).isEmpty();
        assertThat(Arrays.stream(context.getBeanDefinitionNames())
                .map(name -> context.getBeanFactory().getType(name)).map(String::valueOf))
                .noneMatch(type -> type.contains(".web.") || type.contains("Redis"));
        assertThat(context.getBeanDefinitionCount()).isLessThan(60);
    }

    @Test
    void aliceTalksToBobInTheSlice(@ImUser("alice") ImTestClient alice, @ImUser("bob") ImTestClient bob) {
        String fp = alice.send("bob", "sliced");
        assertThat(bob).received("sliced");
        alice.awaitAck(fp);
    }
}
