package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.QosTimings;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's protocol obligations, checked byte by byte against a scripted TCP server. */
class ImClientFakeServerTest {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private FakeTcpServer server;
    private ImClient client;
    private final RecordingClientListener events = new RecordingClientListener();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = new FakeTcpServer(shared.group);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    static ImClientConfig fastConfig(int port) {
        ImClientConfig config = new ImClientConfig().setPort(port)
                .setKeepAliveInterval(Duration.ofMillis(200))
                .setLinkTimeout(Duration.ofMillis(700))
                .setConnectTimeout(Duration.ofSeconds(2))
                .setLoginTimeout(Duration.ofSeconds(1));
        config.getRelogin().setInitialDelay(Duration.ofMillis(100)).setMaxInterval(Duration.ofMillis(400));
        QosTimings.set(config.getQos(), Duration.ofMillis(200), Duration.ofMillis(300), 2, 100);
        return config;
    }

    private ImClient newClient(ImClientConfig config) {
        client = shared.client(config);
        client.addListener(events);
        return client;
    }

    private LoginResponse loginAs(String user) throws Exception {
        return client.login(user, "token", null).get(5, TimeUnit.SECONDS);
    }

    @Test
    void failsTheLoginWithAClearErrorWhileTheServerPortCannotBeResolved() {
        newClient(fastConfig(server.port()).portResolver(() -> {
            throw new IllegalStateException("the embedded IM server's TCP gateway is not listening yet");
        }));

        assertThatThrownBy(() -> client.login("u1", "token", null).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.SERVER_ADDRESS_NOT_SET);
                    assertThat(ex.getMessage()).contains("not listening yet");
                });
        assertThat(client.state()).isNotIn(ClientState.CONNECTING, ClientState.LOGGED_IN);
    }

    @Test
    void failsTheLoginWithAClearErrorForAResolvedPortOutOfRange() {
        newClient(fastConfig(server.port()).portResolver(() -> -1));

        assertThatThrownBy(() -> client.login("u1", "token", null).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.SERVER_ADDRESS_NOT_SET);
                    assertThat(ex.getMessage()).contains("between 1 and 65535, got -1");
                });
        assertThat(server.logins).isEmpty();
    }

    @Test
    void keepsReloggingInWhileTheServerPortCannotBeResolvedAndLogsInOnceItCan() throws Exception {
        AtomicBoolean resolvable = new AtomicBoolean(true);
        newClient(fastConfig(server.port()).portResolver(() -> {
            if (!resolvable.get()) {
                throw new IllegalStateException("the embedded IM server's TCP gateway is not listening yet");
            }
            return server.port();
        }));
        loginAs("u1");
        assertThat(server.logins.poll(5, TimeUnit.SECONDS)).isNotNull();

        resolvable.set(false);
        server.dropConnection();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ClientState.RECONNECTING);
        assertThat(server.logins.poll(1, TimeUnit.SECONDS)).isNull();
        resolvable.set(true);

        assertThat(server.logins.poll(5, TimeUnit.SECONDS).loginUserId()).isEqualTo("u1");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ClientState.LOGGED_IN);
    }

    @Test
    void sendsZeroOnFirstLoginThenTheKeptFirstLoginTimeOnAutomaticRelogin() throws Exception {
        newClient(fastConfig(server.port()));
        LoginResponse response = loginAs("u1");

        assertThat(response.code()).isZero();
        assertThat(server.logins.poll(5, TimeUnit.SECONDS).firstLoginTime()).isZero();
        assertThat(client.firstLoginTime()).isEqualTo(server.firstLoginTime);

        server.firstLoginTime = 42;
        server.dropConnection();

        LoginInfo relogin = server.logins.poll(5, TimeUnit.SECONDS);
        assertThat(relogin).isNotNull();
        assertThat(relogin.firstLoginTime()).isEqualTo(1_700_000_000_000L);
        assertThat(relogin.loginUserId()).isEqualTo("u1");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ClientState.LOGGED_IN);
        assertThat(events.linkClosed).containsExactly(ErrorCode.CONNECTION_BROKEN);
        assertThat(client.firstLoginTime()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void backsOffBetweenReloginsFromTheInitialDelayUpToTheMaximum() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");
        server.hangUpOnLogin = true;
        server.loginArrivalNanos.clear();

        server.dropConnection();

        List<Long> arrivals = new ArrayList<>();
        int fast = ReloginBackoff.FAST_ATTEMPTS;
        while (arrivals.size() < fast + 5) {
            Long arrival = server.loginArrivalNanos.poll(5, TimeUnit.SECONDS);
            assertThat(arrival).as("re-login attempt %d", arrivals.size() + 1).isNotNull();
            arrivals.add(arrival);
        }
        // Quick attempts first (under the 100 ms initial delay here, under 1 s by default), then the initial
        // 100 ms doubling to a 400 ms maximum, each within 20 % jitter; timers never fire early.
        long quickPhaseMillis = TimeUnit.NANOSECONDS.toMillis(arrivals.get(fast - 1) - arrivals.get(0));
        assertThat(quickPhaseMillis).isLessThan(fast * 100L + 500);
        long[] minimumGapMillis = {80, 160, 320, 320};
        for (int i = 0; i < minimumGapMillis.length; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(arrivals.get(fast + i) - arrivals.get(fast + i - 1));
            assertThat(gap).as("gap before attempt %d", fast + i + 1).isGreaterThanOrEqualTo(minimumGapMillis[i]);
        }
        assertThat(client.state()).isEqualTo(ClientState.RECONNECTING);
        assertThat(events.linkClosed).containsExactly(ErrorCode.CONNECTION_BROKEN);
    }

    @Test
    void sendsKeepAlivesWhileLoggedIn() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");

        Packet keepAlive = server.next(PacketType.KEEP_ALIVE, 5);

        assertThat(keepAlive).isEqualTo(Packet.control(PacketType.KEEP_ALIVE, "{}", "u1", UserIds.SERVER));
        assertThat(server.next(PacketType.KEEP_ALIVE, 5)).isNotNull();
        assertThat(client.state()).isEqualTo(ClientState.LOGGED_IN);
    }

    @Test
    void declaresSilentServerLostWithinLinkTimeoutAndLogsInAgain() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");
        server.logins.clear();
        server.answerKeepAlives = false;
        long silentSince = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.linkClosed.contains(ErrorCode.CONNECTION_BROKEN));
        long detectedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince);

        // Link timeout 700 ms plus a check period (175 ms) plus scheduling slack.
        assertThat(detectedAfterMillis).isBetween(500L, 2500L);
        assertThat(server.logins.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void acknowledgesADuplicateAgainButDeliversItOnce() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u2");
        Packet message = Packet.of(PacketType.DATA, "hello", "u1", "u2", null, true, 7);

        server.push(message);
        Packet firstAck = server.next(PacketType.ACK, 5);
        server.push(message);
        Packet secondAck = server.next(PacketType.ACK, 5);

        assertThat(List.of(firstAck, secondAck)).allSatisfy(ack -> {
            assertThat(ack.dataContent()).isEqualTo(message.fp());
            assertThat(ack.from()).isEqualTo("u2");
            assertThat(ack.to()).isEqualTo("u1");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> events.messages.size() == 1);
        server.push(Packet.of(PacketType.DATA, "later", "u1", "u2", null, false, 7));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.messages.size() == 2);
        assertThat(events.messages).extracting(Packet::dataContent).containsExactly("hello", "later");
        assertThat(events.threads).noneMatch(name -> name.contains("multiThreadIoEventLoopGroup"));
    }

    @Test
    void acknowledgesOnlyAfterTheListenerReturnedAndACopyArrivingMeanwhileIsAnsweredByThatAck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inHand = new CountDownLatch(1);
        newClientBlockedUntil(release, inHand, fastConfig(server.port()));
        loginAs("u2");
        Packet message = Packet.of(PacketType.DATA, "hello", "u1", "u2", null, true, 7);

        server.push(message);
        assertThat(inHand.await(5, TimeUnit.SECONDS)).isTrue();
        server.push(message);
        server.push(Packet.control(PacketType.KEEP_ALIVE_RESPONSE, "{}", UserIds.SERVER, "u2"));
        assertThat(server.next(PacketType.ACK, 1)).as("no ACK while the application handles it").isNull();

        release.countDown();
        Packet ack = server.next(PacketType.ACK, 5);
        assertThat(ack.dataContent()).isEqualTo(message.fp());
        assertThat(server.next(PacketType.ACK, 1)).as("one ACK answers both copies").isNull();
        assertThat(events.messages).extracting(Packet::fp).containsExactly(message.fp());
        assertThat(client.unhandledMessages()).isZero();
    }

    @Test
    void doesNotAcknowledgeAMessageWhoseListenerThrewSoThatTheNextCopyIsDelivered() throws Exception {
        // A long link timeout: the second copy must reach this same link even on a saturated machine.
        newClient(fastConfig(server.port()).setLinkTimeout(Duration.ofSeconds(30)));
        AtomicInteger calls = new AtomicInteger();
        client.addListener(new ImClientListener() {
            @Override
            public void onMessage(String userId, Packet message) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("the application's database is down");
                }
            }
        });
        loginAs("u2");
        Packet message = Packet.of(PacketType.DATA, "hello", "u1", "u2", null, true, 7);

        server.push(message);
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1 && client.unhandledMessages() == 0);
        assertThat(server.next(PacketType.ACK, 1)).isNull();
        server.push(message);

        assertThat(server.next(PacketType.ACK, 5).dataContent()).isEqualTo(message.fp());
        assertThat(calls).hasValue(2);
    }

    @Test
    void refusesMessagesBeyondTheBacklogWithoutHandlingOrAcknowledgingThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        newClientBlockedUntil(release, new CountDownLatch(1), fastConfig(server.port()).setMaxUnhandledMessages(2));
        loginAs("u2");
        List<Packet> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            messages.add(Packet.of(PacketType.DATA, "m" + i, "u1", "u2", null, true, 7));
            server.push(messages.get(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> client.messagesRefusedForBacklog() == 2);
        assertThat(client.unhandledMessages()).isEqualTo(2);

        release.countDown();
        List<String> acked = List.of(server.next(PacketType.ACK, 5).dataContent(),
                server.next(PacketType.ACK, 5).dataContent());
        assertThat(acked).containsExactly(messages.get(0).fp(), messages.get(1).fp());
        assertThat(server.next(PacketType.ACK, 1)).as("the refused ones are not ACKed").isNull();
        assertThat(events.messages).extracting(Packet::dataContent).containsExactly("m0", "m1");

        server.push(messages.get(2));
        assertThat(server.next(PacketType.ACK, 5).dataContent()).as("a re-send after the backlog drained")
                .isEqualTo(messages.get(2).fp());
        await().atMost(Duration.ofSeconds(5)).until(() -> events.messages.size() == 3);
    }

    @Test
    void discardsTheBacklogUnacknowledgedOnLogoutSoThatItIsNotHandledTwiceLater() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inHand = new CountDownLatch(1);
        newClientBlockedUntil(release, inHand, fastConfig(server.port()));
        loginAs("u2");
        for (int i = 0; i < 3; i++) {
            server.push(Packet.of(PacketType.DATA, "m" + i, "u1", "u2", null, true, 7));
        }
        assertThat(inHand.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.unhandledMessages() == 3);

        CompletableFuture<Void> loggedOut = client.logout();
        release.countDown();
        loggedOut.get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> client.unhandledMessages() == 0);
        assertThat(events.messages).extracting(Packet::dataContent).containsExactly("m0");
        assertThat(server.received).noneMatch(packet -> packet.type() == PacketType.ACK);
    }

    @Test
    void backsOffAMessageTheServerRateLimitedWithoutSpendingARetry() throws Exception {
        ImClientConfig config = fastConfig(server.port());
        QosTimings.set(config.getQos(), Duration.ofMillis(200), Duration.ofMillis(300), 1, 100);
        newClient(config);
        loginAs("u1");
        CompletableFuture<String> sent = client.send("u2", "hello", 1);
        Packet first = server.next(PacketType.DATA, 5);

        // Without the back-off the message would be lost after one re-send: about 0.7 s.
        for (int refusal = 0; refusal < 4; refusal++) {
            server.push(Packet.control(PacketType.ERROR, PacketCodec.encodePayload(new ErrorResponse(
                    ErrorCode.RATE_LIMITED, "Too many packets: the limit is 100 a second per connection fp="
                    + first.fp())), UserIds.SERVER, "u1"));
            Packet resent = server.next(PacketType.DATA, 5);
            assertThat(resent.fp()).isEqualTo(first.fp());
        }
        assertThat(sent).isNotDone();
        server.push(first.ackFrom("u2"));
        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(first.fp());
        assertThat(events.errors).extracting(ErrorResponse::errorCode).contains(ErrorCode.RATE_LIMITED);
    }

    /** A client whose application counts {@code inHand} down on each message, then waits for {@code release}. */
    private void newClientBlockedUntil(CountDownLatch release, CountDownLatch inHand, ImClientConfig config) {
        newClient(config);
        client.addListener(new ImClientListener() {
            @Override
            public void onMessage(String userId, Packet message) {
                inHand.countDown();
                awaitQuietly(release);
            }
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void failsTheLoginWithTheRefusalCodeAndNeverRetries() throws Exception {
        newClient(fastConfig(server.port()));
        server.loginCode = 1025;

        assertThatThrownBy(() -> client.login("u1", "bad", null).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(1025);
                    assertThat(ex.getMessage()).contains("refused", "1025");
                });
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        assertThat(server.logins.poll(5, TimeUnit.SECONDS)).isNotNull();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> server.logins.isEmpty());
    }

    @Test
    void failsTheLoginWithCode202WhenNoResponseArrives() {
        newClient(fastConfig(server.port()));
        server.answerLogins = false;

        assertThatThrownBy(() -> client.login("u1", "tk", null).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
                    assertThat(ex.getMessage()).contains("No login response");
                });
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
    }

    @Test
    void failsTheLoginWithCode202WhenNothingListens() {
        int closedPort = server.port();
        server.close();
        newClient(fastConfig(closedPort));

        assertThatThrownBy(() -> client.login("u1", "tk", null).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ImClientException.class,
                        ex -> assertThat(ex.code()).isEqualTo(ErrorCode.CONNECT_FAILED));
    }

    @Test
    void queuesSendsWhileNotLoggedInAndFlushesThemInOrderAfterLogin() throws Exception {
        newClient(fastConfig(server.port()));
        server.answerLogins = false;
        client.login("u1", "tk", null);
        CompletableFuture<String> first = client.send("u2", "one", 1, false);
        CompletableFuture<String> second = client.send("u2", "two", 1, false);
        assertThat(server.logins.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(first).isNotDone();

        server.push(Packet.control(PacketType.LOGIN_RESPONSE, PacketCodec.encodePayload(new LoginResponse(0, 5)),
                UserIds.SERVER, "u1"));

        assertThat(server.next(PacketType.DATA, 5).dataContent()).isEqualTo("one");
        assertThat(server.next(PacketType.DATA, 5).dataContent()).isEqualTo("two");
        assertThat(first.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(second.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void writesAQueuedQosMessageAfterLoginAndCompletesItOnTheAck() throws Exception {
        newClient(fastConfig(server.port()));
        server.answerLogins = false;
        client.login("u1", "tk", null);
        CompletableFuture<String> sent = client.send("u2", "held", 1);
        assertThat(server.logins.poll(5, TimeUnit.SECONDS)).isNotNull();

        server.push(Packet.control(PacketType.LOGIN_RESPONSE, PacketCodec.encodePayload(new LoginResponse(0, 5)),
                UserIds.SERVER, "u1"));
        Packet data = server.next(PacketType.DATA, 5);
        server.push(data.ackFrom("u2"));

        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(data.fp());
        assertThat(data.dataContent()).isEqualTo("held");
    }

    @Test
    void startsTheRetryClockOfAMessageHeldDuringAnOutageOnlyWhenItIsWritten() throws Exception {
        ImClientConfig config = fastConfig(server.port());
        newClient(config);
        loginAs("u1");
        server.answerLogins = false;
        server.dropConnection();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ClientState.RECONNECTING);

        CompletableFuture<String> sent = client.send("u2", "held through the outage", 1);
        long heldMillis = config.getQos().worstCaseLostAfter().toMillis() * 2;
        await().pollDelay(Duration.ofMillis(heldMillis)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(sent).as("not lost while nothing was written").isNotDone();

        server.answerLogins = true;
        Packet data = server.next(PacketType.DATA, 10);
        server.push(data.ackFrom("u2"));
        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(data.fp());
        assertThat(client.pendingQos()).isZero();
    }

    @Test
    void failsQueuedSendsWhenTheLoginFails() {
        newClient(fastConfig(server.port()));
        server.loginCode = 1025;
        CompletableFuture<?> login = client.login("u1", "tk", null);
        CompletableFuture<String> queued = client.send("u2", "never", 1, false);

        assertThatThrownBy(login::join).cause().isInstanceOf(ImClientException.class);
        // Queued before the refusal arrived, it fails with the refusal; after it, it fails as not logged in.
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.SEND_FAILED);
                    assertThat(ex.getMessage()).containsAnyOf("1025", "no login under way");
                });
        assertThatThrownBy(() -> client.send("u2", "after the refusal", 1, false).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.SEND_FAILED);
                    assertThat(ex.getMessage()).contains("no login under way");
                });
    }

    @Test
    void refusesSendsBeyondTheQueueBoundWithCode3() {
        newClient(fastConfig(server.port()).setMaxQueuedSends(1));
        server.answerLogins = false;
        client.login("u1", "tk", null);

        CompletableFuture<String> queued = client.send("u2", "one", 1);
        CompletableFuture<String> overflow = client.send("u2", "two", 1);

        assertThat(queued).isNotDone();
        assertThatThrownBy(overflow::join).cause().isInstanceOfSatisfying(ImClientException.class, ex -> {
            assertThat(ex.code()).isEqualTo(ErrorCode.SEND_FAILED);
            assertThat(ex.getMessage()).contains("max-queued-sends");
        });
    }

    @Test
    void failsFastWhileNotLoggedInWhenConfiguredSo() {
        newClient(fastConfig(server.port()).setSendWhileDisconnected(SendWhileDisconnected.FAIL_FAST));
        server.answerLogins = false;
        client.login("u1", "tk", null);

        assertThatThrownBy(() -> client.send("u2", "one", 1).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class,
                        ex -> assertThat(ex.code()).isEqualTo(ErrorCode.SEND_FAILED));
    }

    @Test
    void rejectsAnInvalidReceiverOrAnOversizedMessageWithCode4() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");

        for (String receiver : new String[] {null, "", "-1"}) {
            assertThatThrownBy(() -> client.send(receiver, "x", 1).join()).cause()
                    .isInstanceOfSatisfying(ImClientException.class,
                            ex -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_PACKET));
        }
        assertThatThrownBy(() -> client.send("u2", "x".repeat(7000), 1).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_PACKET);
                    assertThat(ex.getMessage()).contains("6144");
                });
    }

    @Test
    void failsSendsWithCode3OnceTheConnectionsSendBufferIsFull() throws Exception {
        // Slow keep-alives: the stalled server must not make the client drop the link during the test.
        newClient(fastConfig(server.port()).setKeepAliveInterval(Duration.ofSeconds(5))
                .setLinkTimeout(Duration.ofSeconds(30)));
        loginAs("u1");
        server.stopReading();
        String body = "x".repeat(6000);

        // About 18 MB: more than loopback socket buffers hold, so the client's own buffer must fill.
        List<CompletableFuture<String>> sends = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sends.add(client.send("u2", body, 1, false));
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> sends.stream().anyMatch(CompletableFuture::isCompletedExceptionally));
        CompletableFuture<String> refused = sends.stream().filter(CompletableFuture::isCompletedExceptionally)
                .findFirst().orElseThrow();
        assertThatThrownBy(refused::join).cause().isInstanceOfSatisfying(ImClientException.class, ex -> {
            assertThat(ex.code()).isEqualTo(ErrorCode.SEND_FAILED);
            assertThat(ex.getMessage()).contains("send buffer is full");
        });
    }

    @Test
    void completesAQosSendWithItsFingerprintWhenTheAckArrives() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");

        CompletableFuture<String> sent = client.send("u2", "hi", 3);
        Packet data = server.next(PacketType.DATA, 5);
        assertThat(data.qos()).isTrue();
        assertThat(sent).isNotDone();
        server.push(data.ackFrom("u2"));

        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(data.fp());
        await().atMost(Duration.ofSeconds(5)).until(() -> events.acked.size() == 1);
        assertThat(client.pendingQos()).isZero();
    }

    @Test
    void refusesASecondQosMessageWithAFingerprintThatStillWaitsForItsAck() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");

        CompletableFuture<String> first = client.send("u2", "one", 1, true, "fp-1");
        CompletableFuture<String> again = client.send("u2", "two", 1, true, "fp-1");

        assertThatThrownBy(() -> again.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_PACKET);
                    assertThat(ex.getMessage()).contains("fp-1", "unique");
                });
        server.push(server.next(PacketType.DATA, 5).ackFrom("u2"));
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("fp-1");
    }

    @Test
    void reportsAQosSendLostWhenNoAckArrivesAfterItsRetries() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");

        CompletableFuture<String> sent = client.send("u2", "hi", 3);

        assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ImClientException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.SEND_FAILED);
                    assertThat(ex.getMessage()).contains("lost");
                });
        // The first write plus two re-sends, all with the same fingerprint.
        Packet first = server.next(PacketType.DATA, 1);
        assertThat(server.next(PacketType.DATA, 1).fp()).isEqualTo(first.fp());
        assertThat(server.next(PacketType.DATA, 1).fp()).isEqualTo(first.fp());
        await().atMost(Duration.ofSeconds(5)).until(() -> events.lost.size() == 1);
    }

    @Test
    void stopsEverythingWhenKickedAndReportsTheKickBeforeTheLinkClose() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");
        server.logins.clear();

        server.push(Packet.control(PacketType.KICKOUT, PacketCodec.encodePayload(new KickoutInfo(2, "bye")),
                UserIds.SERVER, "u1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ClientState.KICKED);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.linkClosed.size() == 1);
        assertThat(events.events).containsSubsequence("kicked:2", "closed:201");
        assertThat(events.kicks).containsExactly(new KickoutInfo(2, "bye"));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> server.logins.isEmpty());
        assertThatThrownBy(() -> client.send("u2", "x", 1).join()).cause().isInstanceOf(ImClientException.class);
    }

    @Test
    void logsInAgainAfterOneReloginIntervalWhenTheServerSaysNotLoggedIn() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");
        server.logins.clear();

        server.push(Packet.control(PacketType.ERROR,
                PacketCodec.encodePayload(new ErrorResponse(ErrorCode.NOT_LOGGED_IN, "{}")), UserIds.SERVER, "-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.errors.size() == 1);
        assertThat(server.logins.poll(5, TimeUnit.SECONDS)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ClientState.LOGGED_IN);
        assertThat(events.logins).hasSize(2);
    }

    @Test
    void reportsOtherErrorsWithoutChangingState() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");

        server.push(Packet.control(PacketType.ERROR,
                PacketCodec.encodePayload(new ErrorResponse(ErrorCode.REFUSED, "no fp=1")), UserIds.SERVER, "u1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.errors.size() == 1);
        assertThat(events.errors.peek().errorCode()).isEqualTo(ErrorCode.REFUSED);
        assertThat(client.state()).isEqualTo(ClientState.LOGGED_IN);
    }

    @Test
    void logoutSendsType3AndStopsRelogin() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");
        server.logins.clear();

        client.logout().get(5, TimeUnit.SECONDS);

        assertThat(server.next(PacketType.LOGOUT, 5)).isEqualTo(
                Packet.control(PacketType.LOGOUT, null, "u1", UserIds.SERVER));
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        assertThat(client.firstLoginTime()).isZero();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> server.logins.isEmpty());
    }

    @Test
    void logoutDuringALoginAttemptFailsTheLoginAndClosesTheAttemptsConnection() throws Exception {
        server.answerLogins = false;
        newClient(fastConfig(server.port()).setLoginTimeout(Duration.ofSeconds(30)));
        CompletableFuture<LoginResponse> login = client.login("u1", "token", null);
        assertThat(server.logins.poll(5, TimeUnit.SECONDS)).isNotNull();

        client.logout().get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> login.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(ImClientException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.newestConnectionOpen());
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
    }

    @Test
    void closeFailsPendingSendsAndRefusesFurtherUse() throws Exception {
        newClient(fastConfig(server.port()));
        loginAs("u1");
        CompletableFuture<String> pending = client.send("u2", "hi", 1);
        assertThat(server.next(PacketType.DATA, 5)).isNotNull();

        client.close();

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(ImClientException.class);
        assertThat(client.state()).isEqualTo(ClientState.CLOSED);
        assertThatThrownBy(() -> client.login("u1", "tk", null).join()).cause()
                .isInstanceOfSatisfying(ImClientException.class,
                        ex -> assertThat(ex.code()).isEqualTo(ErrorCode.CLIENT_NOT_INITIALIZED));
    }

    @Test
    void refusesAnImpossibleConfigurationOnConstruction() {
        ImClientConfig config = fastConfig(server.port()).setLinkTimeout(Duration.ofMillis(100));

        assertThatThrownBy(() -> shared.client(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link timeout");
    }
}
