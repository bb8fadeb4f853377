package io.imstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.imstarter.autoconfigure.auth.TokenRefusal;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.test.ImRawClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A stock MobileIMSDK TCP client, written byte by byte (the test artifact's raw client: a 4-byte big-endian length,
 * then the JSON body, wire protocol section 5), logs in with a token it got from {@code POST /api/token}; tokens
 * that are not its own are refused with the token login's codes (section 6.1). Same context as {@link SampleApiIT},
 * so user names differ.
 */
@SharedSampleContext
class StockClientTokenLoginIT {

    @LocalServerPort
    private int port;

    private RestCalls api;

    @BeforeEach
    void setUp() {
        api = new RestCalls(port);
    }

    @Test
    void aStockTcpClientLogsInWithATokenFromTheApiAndReceivesMessages(ImRawClient stock) {
        String token = api.token("stock-user", RestCalls.PASSWORD);
        RestCalls sender = api.loginConnect("stock-sender");

        stock.sendJson(ImRawClient.loginJson("stock-user", token));

        JsonObject response = loginResponse(stock);
        assertThat(response.get("code").getAsInt()).isZero();
        assertThat(response.get("firstLoginTime").getAsLong()).isPositive();
        assertThat(sender.get("/api/online/ids").body()).asInstanceOf(LIST).contains("stock-user");

        sender.post("/api/sendMsg", Map.of("friendId", "stock-user", "msg", "hello stock client", "qos", false));
        Packet message = stock.awaitPacket(PacketType.DATA);
        assertThat(message.from()).isEqualTo("stock-sender");
        assertThat(message.dataContent()).isEqualTo("hello stock client");
    }

    @Test
    void anotherUsersTokenIsRefused(ImRawClient stock) {
        String othersToken = api.token("token-owner", RestCalls.PASSWORD);

        assertThat(refusalCode(stock, "token-thief", othersToken)).isEqualTo(TokenRefusal.OTHER_USER.code());
    }

    @Test
    void aTokenWithAForgedSignatureIsRefused(ImRawClient stock) {
        String genuine = api.token("forged-user", RestCalls.PASSWORD);
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IG5vYm9keQ";

        assertThat(refusalCode(stock, "forged-user", forged)).isEqualTo(TokenRefusal.INVALID.code());
    }

    @Test
    void thePasswordIsNoLongerALoginToken(ImRawClient stock) {
        api.token("password-user", RestCalls.PASSWORD);

        assertThat(refusalCode(stock, "password-user", RestCalls.PASSWORD)).isEqualTo(TokenRefusal.INVALID.code());
    }

    /** The refusal code of a login, after which the server closes the connection. */
    private static int refusalCode(ImRawClient stock, String userId, String token) {
        stock.sendJson(ImRawClient.loginJson(userId, token));
        JsonObject response = loginResponse(stock);
        assertThat(response.get("firstLoginTime").getAsLong()).isEqualTo(-1);
        stock.awaitClosedByServer();
        return response.get("code").getAsInt();
    }

    private static JsonObject loginResponse(ImRawClient stock) {
        return JsonParser.parseString(stock.awaitPacket(PacketType.LOGIN_RESPONSE).dataContent()).getAsJsonObject();
    }
}
