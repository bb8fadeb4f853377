package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusedLoginThrottleTest {

    private static final InetSocketAddress HOME = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress HOME_OTHER_PORT = new InetSocketAddress("127.0.0.1", 40001);
    private static final InetSocketAddress ELSEWHERE = new InetSocketAddress("127.0.0.2", 40000);
    private static final ImServerConfig.RefusedLogins SETTINGS = new ImServerConfig.RefusedLogins()
            .setMaxDelay(Duration.ofSeconds(4)).setCloseAfter(4).setCloseAfterPerAddress(8)
            .setForgetAfter(Duration.ofMinutes(1));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RefusedLoginThrottle throttle = new RefusedLoginThrottle(SETTINGS, now::get);

    @Test
    void holdsAnswersBackLongerWithEachRefusalOfAUserThenShutsItOut() {
        assertThat(throttle.refused("u", HOME)).isEqualTo(Duration.ofMillis(250));
        assertThat(throttle.refused("u", ELSEWHERE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.refused("u", HOME)).isEqualTo(Duration.ofMillis(2250));
        assertThat(throttle.shutOut("u", ELSEWHERE)).isFalse();
        assertThat(throttle.refused("u", ELSEWHERE)).isEqualTo(Duration.ofSeconds(4));

        assertThat(throttle.shutOut("u", new InetSocketAddress("127.0.0.3", 1))).isTrue();
        assertThat(throttle.shutOut("someone-else", new InetSocketAddress("127.0.0.3", 1))).isFalse();
    }

    @Test
    void countsEveryPortOfAnAddressTogetherAndShutsTheAddressOutAtItsLimit() {
        for (int i = 0; i < 8; i++) {
            throttle.refused("user-" + i, i % 2 == 0 ? HOME : HOME_OTHER_PORT);
        }

        assertThat(throttle.shutOut("a-new-user", HOME_OTHER_PORT)).isTrue();
        assertThat(throttle.shutOut("a-new-user", ELSEWHERE)).isFalse();
    }

    @Test
    void forgetsAUserOnceForgetAfterPassedWithoutARefusal() {
        for (int i = 0; i < 4; i++) {
            throttle.refused("u", ELSEWHERE);
        }
        now.addAndGet(Duration.ofSeconds(59).toMillis());
        assertThat(throttle.shutOut("u", HOME)).as("shut-out logins do not extend it").isTrue();

        now.addAndGet(Duration.ofSeconds(2).toMillis());

        assertThat(throttle.shutOut("u", HOME)).isFalse();
        assertThat(throttle.refused("u", HOME)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anAcceptedLoginStartsTheUsersCountAgainButNotTheAddresss() {
        for (int i = 0; i < 3; i++) {
            throttle.refused("u", HOME);
        }

        throttle.accepted("u");

        // The user counts 1 of 4 again; the address 4 of 8, which decides.
        assertThat(throttle.refused("u", HOME)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void countsNoAddressWhenItsLimitIsZero() {
        RefusedLoginThrottle userOnly = new RefusedLoginThrottle(new ImServerConfig.RefusedLogins()
                .setMaxDelay(Duration.ZERO).setCloseAfter(4).setCloseAfterPerAddress(0)
                .setForgetAfter(Duration.ofMinutes(1)), now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(userOnly.refused("user-" + i, HOME)).isZero();
        }

        assertThat(userOnly.shutOut("a-new-user", HOME)).isFalse();
    }
}
