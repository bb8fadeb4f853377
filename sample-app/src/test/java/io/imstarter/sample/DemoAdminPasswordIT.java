package io.imstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.sample.SampleProperties.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The public demo admin password is tolerated on loopback only: the sample will not expose it to a network. */
class DemoAdminPasswordIT {

    @Test
    void refusesToStartWithTheDemoAdminPasswordOnAllInterfaces() {
        assertThatThrownBy(() -> start("0.0.0.0").close()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("public demo password").hasMessageContaining("sample.admin.password");
    }

    @Test
    void startsWithTheDemoAdminPasswordOnLoopback() {
        try (ConfigurableApplicationContext sample = start("127.0.0.1")) {
            assertThat(sample.isRunning()).isTrue();
        }
    }

    /** The sample on ephemeral ports, HTTP on {@code httpAddress}, the admin with the demo password. */
    private static ConfigurableApplicationContext start(String httpAddress) {
        return new SpringApplicationBuilder(SampleApplication.class).run("--server.address=" + httpAddress,
                "--server.port=0", "--sample.admin.password=" + Admin.DEMO_PASSWORD, "--im.server.address=127.0.0.1",
                "--im.server.tcp.port=0", "--im.server.udp.port=0", "--im.server.websocket.port=0");
    }
}
