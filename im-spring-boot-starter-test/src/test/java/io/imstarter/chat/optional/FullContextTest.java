package io.imstarter.chat.optional;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.test.ImTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The contrast to {@link ImServerSliceTest}: the whole application does configure Redis on this class path. */
@Tag("optional-dependencies")
@ImTest
class FullContextTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void theFullContextHasBootsRedisConnection() {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isNotEmpty();
    }
}
