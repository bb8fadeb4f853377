package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Received;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Checklist items 3, 4, 5, 6 and 13: the login algorithm of section 6.1. */
class LoginIT {

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .configure(config -> config.setLoginVerifyTimeout(Duration.ofMillis(500)));

    @ParameterizedTest(name = "item 3: firstLoginTime 0 gets code 0 and the server's clock on {0}")
    @EnumSource(Transport.class)
    void firstLoginGetsTheServerClock(Transport transport) {
        String user = im.newUserId("first");
        RawClient client = im.connect(transport);

        long before = System.currentTimeMillis();
        client.send(Wire.login(user, "tk", 0));
        Packet reply = client.awaitPacket(Expect.type(PacketType.LOGIN_RESPONSE));
        long after = System.currentTimeMillis();

        LoginResponse response = Expect.payload(reply, LoginResponse.class);
        assertThat(response.code()).isZero();
        assertThat(response.firstLoginTime()).isBetween(before, after);
        assertThat(reply.from()).isEqualTo(UserIds.SERVER);
        assertThat(reply.to()).isEqualTo(user);
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().loggedIn(user).size() == 1);
        SessionInfo session = im.listener().loggedIn(user).get(0);
        assertThat(session.transport()).isEqualTo(transport);
        assertThat(session.firstLoginTime()).isEqualTo(response.firstLoginTime());
        assertThat(im.server().session(user)).hasValueSatisfying(s -> assertThat(s.transport()).isEqualTo(transport));
        assertThat(im.verifier().requests(user)).singleElement()
                .satisfies(request -> assertThat(request.token()).isEqualTo("tk"));
    }

    @ParameterizedTest(name = "item 3: a positive firstLoginTime is echoed unchanged on {0}")
    @EnumSource(Transport.class)
    void positiveFirstLoginTimeIsEchoed(Transport transport) {
        String user = im.newUserId("again");
        RawClient client = im.connect(transport);

        client.send(Wire.login(user, "tk", 12345));

        Received reply = client.inbox().await(Expect.type(PacketType.LOGIN_RESPONSE), RawClient.TIMEOUT);
        assertThat(reply.text()).as("the spec's 'login ok' bytes").isEqualTo("{\"bridge\":false,\"type\":50,"
                + "\"dataContent\":\"{\\\"code\\\":0,\\\"firstLoginTime\\\":12345}\",\"from\":\"0\",\"to\":\"" + user
                + "\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}");
        assertThat(im.server().session(user)).hasValueSatisfying(s -> assertThat(s.firstLoginTime()).isEqualTo(12345));
    }

    @ParameterizedTest(name = "item 4: a lenient login (unquoted keys, \"type\":\"0\", unknown key) succeeds on {0}")
    @EnumSource(Transport.class)
    void lenientLoginSucceeds(Transport transport) {
        String user = im.newUserId("lenient");
        String loginInfo = PacketCodec.encodePayload(new LoginInfo(user, "tk", null, 0)).replace("\"", "\\\"");
        RawClient client = im.connect(transport);

        client.sendText("{type:\"0\",dataContent:\"" + loginInfo + "\",from:\"" + user + "\",to:\"0\",x:1}");

        LoginResponse response = Expect.payload(client.awaitPacket(Expect.type(PacketType.LOGIN_RESPONSE)),
                LoginResponse.class);
        assertThat(response.code()).isZero();
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
    }

    @ParameterizedTest(name = "item 5: a verifier refusal gives 50 code 1025, firstLoginTime -1 to \"-1\" on {0}")
    @EnumSource(Transport.class)
    void verifierRefusalIsReportedThenTheConnectionEnds(Transport transport) {
        String user = im.newUserId("refused");
        im.verifier().answerWith(request -> 1025);
        RawClient client = im.connect(transport);

        client.send(Wire.login(user, "bad", 0));

        Packet reply = client.awaitPacket(Expect.type(PacketType.LOGIN_RESPONSE));
        assertThat(reply.from()).isEqualTo(UserIds.SERVER);
        assertThat(reply.to()).isEqualTo(UserIds.UNKNOWN);
        assertThat(Expect.payload(reply, LoginResponse.class)).isEqualTo(new LoginResponse(1025, -1));
        client.awaitClosedByServer();
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().loginFailures(user).contains(1025));
        assertThat(im.listener().loggedIn(user)).isEmpty();
        assertThat(im.server().session(user)).isEmpty();
    }

    @ParameterizedTest(name = "item 5: a verifier that throws refuses with code 2 on {0}")
    @EnumSource(Transport.class)
    void throwingVerifierRefusesWithCodeTwo(Transport transport) {
        String user = im.newUserId("verifier-bug");
        im.verifier().answerWith(request -> {
            throw new IllegalStateException("verifier failure provoked by the test");
        });

        LoginResponse response = im.connect(transport).login(user, "tk", 0);

        assertThat(response).isEqualTo(new LoginResponse(ErrorCode.UNKNOWN_ERROR, -1));
        assertThat(im.server().session(user)).isEmpty();
    }

    @ParameterizedTest(name = "section 6.1: a verifier exceeding login-verify-timeout refuses with code 2 on {0}")
    @EnumSource(Transport.class)
    void slowVerifierRefusesWithCodeTwo(Transport transport) {
        String user = im.newUserId("verifier-slow");
        CountDownLatch never = new CountDownLatch(1);
        im.verifier().answerWith(request -> {
            try {
                never.await(RawClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return ErrorCode.OK;
        });
        try {
            LoginResponse response = im.connect(transport).login(user, "tk", 0);

            assertThat(response).isEqualTo(new LoginResponse(ErrorCode.UNKNOWN_ERROR, -1));
            assertThat(im.server().session(user)).isEmpty();
        }
        finally {
            never.countDown();
        }
    }

    static Stream<Arguments> invalidLoginInfos() {
        return Arrays.stream(Transport.values()).flatMap(transport -> Stream.of(
                Arguments.of(transport, "without loginUserId", "{\"loginToken\":\"tk\",\"firstLoginTime\":0}"),
                Arguments.of(transport, "with loginUserId \"0\"", "{\"loginUserId\":\"0\",\"loginToken\":\"tk\"}"),
                Arguments.of(transport, "with loginUserId \"-1\"", "{\"loginUserId\":\"-1\",\"loginToken\":\"tk\"}"),
                Arguments.of(transport, "with an empty loginUserId", "{\"loginUserId\":\"\"}"),
                Arguments.of(transport, "that is not JSON", "{\"loginUserId\":"),
                Arguments.of(transport, "that is absent", null)));
    }

    @ParameterizedTest(name = "item 6: a LoginInfo {1} gets 52/304 and the connection stays open on {0}")
    @MethodSource("invalidLoginInfos")
    void invalidLoginInfoIsMalformedAndKeepsTheConnection(Transport transport, String what, String loginInfo) {
        RawClient client = im.connect(transport);

        client.send(Packet.control(PacketType.LOGIN, loginInfo, "x", UserIds.SERVER));

        Packet error = client.awaitPacket(Expect.error(ErrorCode.MALFORMED));
        assertThat(error.to()).isEqualTo(UserIds.UNKNOWN);
        assertThat(Expect.errorOf(error).errorMsg()).isNotBlank().hasSizeLessThanOrEqualTo(256);
        String user = im.newUserId("after-bad-login");
        assertThat(client.login(user, "tk", 0).code()).isZero();
        assertThat(client.isClosed()).isFalse();
    }

    @ParameterizedTest(name = "item 13: re-login with the same id gets code 0 without the verifier on {0}")
    @EnumSource(Transport.class)
    void reLoginWithTheSameIdSkipsTheVerifier(Transport transport) {
        String user = im.newUserId("relogin");
        RawClient client = im.loggedIn(transport, user);

        LoginResponse again = client.login(user, "tk", 777);

        assertThat(again.code()).isZero();
        assertThat(again.firstLoginTime()).isEqualTo(777);
        assertThat(im.verifier().requests(user)).hasSize(1);
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().loggedIn(user).size() == 2);
        assertThat(im.server().session(user)).hasValueSatisfying(s -> assertThat(s.firstLoginTime()).isEqualTo(777));
        assertThat(client.received()).noneMatch(Expect.type(PacketType.KICKOUT));
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.listener().sessionEnds(user)).isZero();
    }

    @ParameterizedTest(name = "item 13: a login as another id on a logged-in connection gets 52/302 on {0}")
    @EnumSource(Transport.class)
    void loginAsAnotherIdOnALoggedInConnectionIsRefused(Transport transport) {
        String user = im.newUserId("owner");
        String other = im.newUserId("intruder");
        RawClient client = im.loggedIn(transport, user);

        client.send(Wire.login(other, "tk", 0));

        Packet error = client.awaitPacket(Expect.error(ErrorCode.FROM_MISMATCH));
        assertThat(error.to()).isEqualTo(user);
        assertThat(im.server().session(other)).isEmpty();
        assertThat(im.server().session(user)).hasValueSatisfying(s -> assertThat(s.transport()).isEqualTo(transport));
        assertThat(im.verifier().requests(other)).isEmpty();
        assertThat(client.keepAlive(user).to()).isEqualTo(user);
        client.assertNothingMore(Expect.type(PacketType.LOGIN_RESPONSE), Duration.ofMillis(300));
    }
}
