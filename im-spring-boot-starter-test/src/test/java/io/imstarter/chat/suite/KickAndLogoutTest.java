package io.imstarter.chat.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.client.ClientState;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImTestClients;
import io.imstarter.test.ImUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ChatSuiteTest
class KickAndLogoutTest {

    @Autowired
    private ImServer server;

    @Autowired
    private ImTestClients clients;

    @Test
    void aKickedClientKnowsWhyAndIsNoLongerOnline(@ImUser("kick-kim") ImTestClient kim) {
        assertThat(server.kick("kick-kim", "testing kicks")).isTrue();

        KickoutInfo kick = kim.awaitKicked();

        assertThat(kick.code()).isEqualTo(KickoutInfo.KICKED_BY_APPLICATION);
        assertThat(kick.reason()).isEqualTo("testing kicks");
        assertThat(kim.state()).isEqualTo(ClientState.KICKED);
    }

    @Test
    void aSecondLoginOfTheSameUserReplacesTheFirst(@ImUser("dup-lee") ImTestClient first) {
        try (ImTestClient second = clients.login("dup-lee", Transport.WEBSOCKET)) {
            assertThat(first.awaitKicked().code()).isEqualTo(KickoutInfo.DUPLICATE_LOGIN);
            assertThat(second.isLoggedIn()).isTrue();
        }
    }

    @Test
    void aLoggedOutUserIsNoLongerOnline(@ImUser("out-max") ImTestClient max) {
        max.logout();

        assertThat(max.isLoggedIn()).isFalse();
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(server.onlineUsers()).doesNotContain("out-max"));
    }
}
