package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.client.ImClientManager;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Runs the TLS recipe of {@code docs/tls.md} as written: its shell block makes a self-signed certificate at test
 * time, and embedded clients configured as the page says exchange a QoS message over TLS on TCP and on WebSocket.
 */
class TlsRecipeIT {

    private static final Path RECIPE_PAGE = Path.of("..", "docs", "tls.md");
    private static final Pattern RECIPE_BLOCK = Pattern.compile("<!-- tls-recipe -->\\s*```bash\\n(.*?)```",
            Pattern.DOTALL);

    @TempDir
    static Path certificates;

    @BeforeAll
    static void runTheRecipe() throws IOException, InterruptedException {
        Matcher recipe = RECIPE_BLOCK.matcher(Files.readString(RECIPE_PAGE, StandardCharsets.UTF_8));
        assertThat(recipe.find()).as("docs/tls.md has a tls-recipe block").isTrue();
        Process openssl = new ProcessBuilder("bash", "-euc", recipe.group(1)).directory(certificates.toFile())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("the recipe failed: %s", output).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = { "TCP", "WEBSOCKET" })
    void embeddedClientsExchangeAQosMessageOverTlsWithTheRecipesCertificate(Transport transport) {
        String gateway = "im.server." + transport.name().toLowerCase(Locale.ROOT);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ImServerAutoConfiguration.class,
                        ImClientAutoConfiguration.class))
                .withPropertyValues("im.server.address=127.0.0.1", "im.server.tcp.port=0",
                        "im.server.websocket.port=0", "im.server.udp.enabled=false",
                        "im.server.shutdown-grace-period=0s",
                        gateway + ".ssl.enabled=true",
                        gateway + ".ssl.certificate=file:" + certificates.resolve("im.crt"),
                        gateway + ".ssl.private-key=file:" + certificates.resolve("im.key"),
                        "im.client.transport=" + transport.name().toLowerCase(Locale.ROOT),
                        "im.client.ssl.enabled=true",
                        "im.client.ssl.trust-certificate=file:" + certificates.resolve("im.crt"))
                .run(context -> {
                    context.getBean(ImServerLifecycle.class).run();
                    ImClientManager clients = context.getBean(ImClientManager.class);
                    assertThat(clients.login("alice", "tk", null).get(10, TimeUnit.SECONDS).code()).isZero();
                    assertThat(clients.login("bob", "tk", null).get(10, TimeUnit.SECONDS).code()).isZero();

                    String fp = clients.send("alice", "bob", "over tls", 0, true).get(10, TimeUnit.SECONDS);

                    assertThat(fp).isNotBlank();
                    assertThat(context.getBean(ImServer.class).session("bob")).hasValueSatisfying(
                            session -> assertThat(session.transport()).isEqualTo(transport));
                });
    }
}
