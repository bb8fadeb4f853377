package io.imstarter.autoconfigure.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.LoginVerifier;
import io.imstarter.testsupport.CallbackThreads;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.UdpRawClient;
import io.imstarter.testsupport.WebSocketRawClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

/**
 * Token login end to end (issue 12): an application configured with {@code im.server.auth.jwt.secret}, raw clients on
 * each transport presenting tokens signed at test time. Section 6.1: a refusal is a type 50 with the refusal code and
 * firstLoginTime -1, after which TCP and WebSocket close.
 */
@SpringBootTest(classes = TokenLoginIT.App.class, properties = { "im.server.address=127.0.0.1",
        "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0", "im.client.enabled=false",
        "im.server.auth.jwt.secret=" + TestTokens.SECRET, "im.server.auth.jwt.audience=" + TestTokens.AUDIENCE,
        "im.server.auth.jwt.clock-skew=5s",
        "logging.level.io.imstarter.autoconfigure.auth.JwtLoginVerifier=debug" })
@ExtendWith(OutputCaptureExtension.class)
class TokenLoginIT {

    private static final AtomicInteger USERS = new AtomicInteger();

    private static final TestTokens TOKENS = TestTokens.signedWith(TestTokens.SECRET);

    /** UDP sockets stay open until the server stops, so that no later test's socket reuses a logged-in port. */
    private static final List<RawClient> clients = new CopyOnWriteArrayList<>();

    private static final CallbackThreads threads = new CallbackThreads();

    @Autowired
    private ImServer server;

    @AfterEach
    void verifierRanOffTheEventLoops() {
        assertThat(threads.drainViolations()).isEmpty();
    }

    @AfterAll
    static void closeClients() {
        clients.forEach(RawClient::close);
    }

    @ParameterizedTest(name = "a valid token for the loginUserId logs in on {0}")
    @EnumSource(Transport.class)
    void validTokenLogsIn(Transport transport) {
        String user = newUser();

        LoginResponse response = connect(transport).login(user, TOKENS.token(user, Duration.ofMinutes(5)), 0);

        assertThat(response.code()).isZero();
        assertThat(server.session(user)).hasValueSatisfying(s -> assertThat(s.transport()).isEqualTo(transport));
    }

    static Stream<Arguments> refusedTokens() {
        TestTokens forger = TestTokens.signedWith(TestTokens.OTHER_SECRET);
        return Arrays.stream(Transport.values()).flatMap(transport -> Stream.of(
                refusal(transport, "a token forged with another secret",
                        user -> forger.token(user, Duration.ofMinutes(5)), TokenRefusal.INVALID),
                refusal(transport, "an unsigned (alg none) token", TestTokens::unsigned, TokenRefusal.INVALID),
                refusal(transport, "a garbage string", user -> "garbage." + user + ".x", TokenRefusal.INVALID),
                refusal(transport, "a token for another audience",
                        user -> TOKENS.token(user, "another-service", Duration.ofMinutes(5)), TokenRefusal.INVALID),
                refusal(transport, "a token expired beyond the clock skew",
                        user -> TOKENS.token(user, Duration.ofMinutes(-1)), TokenRefusal.EXPIRED),
                refusal(transport, "another user's token",
                        user -> TOKENS.token("someone-else", Duration.ofMinutes(5)), TokenRefusal.OTHER_USER),
                refusal(transport, "no token", user -> null, TokenRefusal.MISSING),
                refusal(transport, "an empty token", user -> "", TokenRefusal.MISSING)));
    }

    private static Arguments refusal(Transport transport, String what, Function<String, String> token,
            TokenRefusal refusal) {
        return Arguments.of(transport, what, token, refusal);
    }

    @ParameterizedTest(name = "{1} is refused with {3} on {0}, logged at DEBUG without the token")
    @MethodSource("refusedTokens")
    void refusedTokenGetsItsCode(Transport transport, String what, Function<String, String> tokenFor,
            TokenRefusal refusal, CapturedOutput output) {
        String user = newUser();
        String token = tokenFor.apply(user);
        RawClient client = connect(transport);

        LoginResponse response = client.login(user, token, 0);

        assertThat(response).isEqualTo(new LoginResponse(refusal.code(), -1));
        client.awaitClosedByServer();
        assertThat(server.session(user)).isEmpty();
        String logLine = "IM login of " + user + " from ";
        await().atMost(RawClient.TIMEOUT).until(() -> output.getOut().contains(logLine));
        String line = output.getOut().lines().filter(l -> l.contains(logLine)).findFirst().orElseThrow();
        assertThat(line).contains("refused with " + refusal.code() + " (" + refusal + ")", transport.toString());
        if (token != null && !token.isEmpty()) {
            assertThat(output.getAll()).doesNotContain(token);
        }
    }

    private RawClient connect(Transport transport) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port(transport));
        RawClient client = switch (transport) {
            case TCP -> new TcpRawClient(address);
            case UDP -> new UdpRawClient(address);
            case WEBSOCKET -> new WebSocketRawClient(URI.create("ws://127.0.0.1:" + address.getPort()
                    + server.config().getWebsocket().getPath()));
        };
        clients.add(client);
        return client;
    }

    private static String newUser() {
        return "token-user-" + USERS.incrementAndGet();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /** Records any call of the login verifier on a Netty event loop. */
        @Bean
        static BeanPostProcessor loginVerifierThreadCheck() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof JwtLoginVerifier verifier) {
                        return (LoginVerifier) request -> {
                            threads.check("JwtLoginVerifier");
                            return verifier.verify(request);
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
