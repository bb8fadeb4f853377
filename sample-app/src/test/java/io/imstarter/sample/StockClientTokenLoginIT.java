package io.imstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.imstarter.autoconfigure.auth.TokenRefusal;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A stock MobileIMSDK TCP client, written byte by byte (wire protocol section 5: a 4-byte big-endian length, then
 * the JSON body), logs in with a token it got from {@code POST /api/token}; tokens that are not its own are refused
 * with the token login's codes (section 6.1). Same context as {@link SampleApiIT}, so user names differ.
 */
@SharedSampleContext
class StockClientTokenLoginIT {

    @LocalServerPort
    private int port;

    @Value("${local.im.server.tcp.port}")
    private int tcpPort;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @Test
    void aStockTcpClientLogsInWithATokenFromTheApiAndReceivesMessages() throws IOException {
        String token = api.token("stock-user", RestCalls.PASSWORD);
        RestCalls sender = api.loginConnect("stock-sender");

        try (RawTcpClient stock = new RawTcpClient(tcpPort)) {
            JsonObject answer = stock.login("stock-user", token);

            assertThat(answer.get("type").getAsInt()).isEqualTo(50);
            JsonObject response = JsonParser.parseString(answer.get("dataContent").getAsString()).getAsJsonObject();
            assertThat(response.get("code").getAsInt()).isZero();
            assertThat(response.get("firstLoginTime").getAsLong()).isPositive();
            assertThat(sender.get("/api/online/ids").body()).asInstanceOf(LIST).contains("stock-user");

            sender.post("/api/sendMsg", Map.of("friendId", "stock-user", "msg", "hello stock client", "qos", false));
            JsonObject message = stock.read();
            assertThat(message.get("type").getAsInt()).isEqualTo(2);
            assertThat(message.get("from").getAsString()).isEqualTo("stock-sender");
            assertThat(message.get("dataContent").getAsString()).isEqualTo("hello stock client");
        }
    }

    @Test
    void anotherUsersTokenIsRefused() throws IOException {
        String othersToken = api.token("token-owner", RestCalls.PASSWORD);

        assertThat(refusalCode("token-thief", othersToken)).isEqualTo(TokenRefusal.OTHER_USER.code());
    }

    @Test
    void aTokenWithAForgedSignatureIsRefused() throws IOException {
        String genuine = api.token("forged-user", RestCalls.PASSWORD);
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IG5vYm9keQ";

        assertThat(refusalCode("forged-user", forged)).isEqualTo(TokenRefusal.INVALID.code());
    }

    @Test
    void thePasswordIsNoLongerALoginToken() throws IOException {
        api.token("password-user", RestCalls.PASSWORD);

        assertThat(refusalCode("password-user", RestCalls.PASSWORD)).isEqualTo(TokenRefusal.INVALID.code());
    }

    /** The refusal code of a login, after which the server closes the connection. */
    private int refusalCode(String userId, String token) throws IOException {
        try (RawTcpClient stock = new RawTcpClient(tcpPort)) {
            JsonObject answer = stock.login(userId, token);
            assertThat(answer.get("type").getAsInt()).isEqualTo(50);
            JsonObject response = JsonParser.parseString(answer.get("dataContent").getAsString()).getAsJsonObject();
            assertThat(response.get("firstLoginTime").getAsLong()).isEqualTo(-1);
            assertThat(stock.closedByServer()).isTrue();
            return response.get("code").getAsInt();
        }
    }

    /** The framing of a stock TCP client: a 4-byte big-endian body length, then the UTF-8 JSON body. */
    private static final class RawTcpClient implements AutoCloseable {

        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final DataOutputStream out;

        RawTcpClient(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
        }

        /** Sends a type 0 with the LoginInfo and answers the server's next packet. */
        JsonObject login(String userId, String token) throws IOException {
            JsonObject info = new JsonObject();
            info.addProperty("loginUserId", userId);
            info.addProperty("loginToken", token);
            info.addProperty("firstLoginTime", 0);
            JsonObject packet = new JsonObject();
            packet.addProperty("bridge", false);
            packet.addProperty("type", 0);
            packet.addProperty("dataContent", info.toString());
            packet.addProperty("from", userId);
            packet.addProperty("to", "0");
            packet.addProperty("QoS", false);
            packet.addProperty("typeu", -1);
            packet.addProperty("sm", -1);
            byte[] body = packet.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt(body.length);
            out.write(body);
            out.flush();
            return read();
        }

        JsonObject read() throws IOException {
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        }

        /** Whether the server closes the connection (within the read timeout) rather than sending more. */
        boolean closedByServer() throws IOException {
            try {
                return in.read() == -1;
            } catch (EOFException closed) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
