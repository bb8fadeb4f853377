package io.imstarter.bench.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.report.RunReport;
import io.imstarter.bench.scenario.C2cScenario;
import io.imstarter.bench.scenario.GeneratorSettings;
import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelayServerTest {

    private RelayServer relay;
    private int port;

    @BeforeEach
    void start() {
        relay = new RelayServer(2, 100);
        port = relay.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void answersLoginsAndForwardsFramesBetweenPartnersUntouched() throws Exception {
        try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port)) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            assertThat(login(a, "alice", "pair-1").accepted()).isTrue();
            assertThat(login(b, "bob", "pair-1").accepted()).isTrue();

            byte[] body = "{\"type\":2,\"dataContent\":\"not even checked\"}".getBytes(StandardCharsets.UTF_8);
            write(a, body);
            assertThat(read(b)).isEqualTo(body);
            write(b, body);
            assertThat(read(a)).isEqualTo(body);
        }
        assertThat(relay.unpairedFrames()).isZero();
        assertThat(relay.crossLoopForwards()).isZero();
    }

    @ParameterizedTest(name = "native transport: {0}")
    @ValueSource(booleans = {true, false})
    void pairsAcceptedOnDifferentEventLoopsForwardOnOneOfThem(boolean nativeTransport) throws Exception {
        try (RelayServer twoLoops = new RelayServer(2, 100, nativeTransport)) {
            int relayPort = twoLoops.start("127.0.0.1", 0);
            byte[] body = "{\"type\":2}".getBytes(StandardCharsets.UTF_8);
            // connections are spread round-robin over the two loops: with four pairs some are accepted apart
            for (int pair = 0; pair < 4; pair++) {
                try (Socket a = new Socket("127.0.0.1", relayPort); Socket b = new Socket("127.0.0.1", relayPort)) {
                    a.setSoTimeout(10_000);
                    b.setSoTimeout(10_000);
                    assertThat(login(a, "a" + pair, "p" + pair).accepted()).isTrue();
                    assertThat(login(b, "b" + pair, "p" + pair).accepted()).isTrue();
                    write(a, body);
                    assertThat(read(b)).isEqualTo(body);
                    write(b, body);
                    assertThat(read(a)).isEqualTo(body);
                }
            }
            assertThat(twoLoops.unpairedFrames()).isZero();
            assertThat(twoLoops.crossLoopForwards()).isZero();
        }
    }

    @Test
    void theGeneratorDrivesTheRelayLikeAServerAndCountsOnlyAfterTheWarmUp() throws Exception {
        Options options = Options.of(Map.of("port", Integer.toString(port), "pairs", "2", "window", "5",
                "max-messages", "200", "duration", "60s", "drain", "20s", "warmup", "1s"));
        RunReport report = new C2cScenario(GeneratorSettings.from(options), options).run();

        assertThat(((Number) report.get("sent")).longValue()).isEqualTo(200);
        assertThat(((Number) report.get("acked")).longValue()).isEqualTo(200);
        assertThat(((Number) report.get("received")).longValue()).isEqualTo(200);
        assertThat(((Number) report.get("lost")).longValue()).isZero();
        assertThat(((Number) report.get("duplicates_received")).longValue()).isZero();
    }

    private static LoginResponse login(Socket socket, String user, String pair) throws Exception {
        LoginInfo info = new LoginInfo(user, "tk", pair, 0);
        write(socket, PacketCodec.encodeToBytes(Packet.control(PacketType.LOGIN, PacketCodec.encodePayload(info), user,
                "0")));
        Packet answer = PacketCodec.decode(read(socket));
        assertThat(answer.type()).isEqualTo(PacketType.LOGIN_RESPONSE);
        assertThat(answer.to()).isEqualTo(user);
        return PacketCodec.decodePayload(answer.dataContent(), LoginResponse.class);
    }

    private static void write(Socket socket, byte[] body) throws Exception {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    private static byte[] read(Socket socket) throws Exception {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return body;
    }
}
