package io.imstarter.chat.suite;

import static io.imstarter.test.ImAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.test.ImRawClient;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImUser;
import org.junit.jupiter.api.Test;

/** A raw client writes the exact bytes of a stock client (wire protocol section 2) and reads the server's. */
@ChatSuiteTest
class StockBytesTest {

    @Test
    void capturedStockLoginGetsTheStockLoginReply(ImRawClient stock) {
        stock.sendJson("{\"bridge\":false,\"type\":0,\"dataContent\":\"{\\\"loginUserId\\\":\\\"u1\\\","
                + "\\\"loginToken\\\":\\\"tk\\\",\\\"firstLoginTime\\\":0}\",\"from\":\"u1\",\"to\":\"0\","
                + "\"QoS\":false,\"typeu\":-1,\"sm\":-1}");

        String reply = stock.awaitJson();

        assertThat(reply).matches("\\{\"bridge\":false,\"type\":50,\"dataContent\":\"\\{\\\\\"code\\\\\":0,"
                + "\\\\\"firstLoginTime\\\\\":\\d{13}}\",\"from\":\"0\",\"to\":\"u1\",\"QoS\":false,\"typeu\":-1,"
                + "\"sm\":-1}");
    }

    @Test
    void stockUdpClientAndTestClientExchangeMessages(@ImUser(transport = Transport.UDP) ImRawClient stock,
            @ImUser("raw-ivy") ImTestClient ivy) {
        stock.sendJson(ImRawClient.loginJson("raw-jo", "any"));
        assertThat(stock.awaitPacket(PacketType.LOGIN_RESPONSE).dataContent()).contains("\"code\":0");

        stock.sendJson("{\"bridge\":false,\"type\":2,\"dataContent\":\"hi ivy\",\"from\":\"raw-jo\",\"to\":\"raw-ivy\","
                + "\"fp\":\"f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b\",\"QoS\":true,\"typeu\":7,\"sm\":-1}");
        assertThat(ivy).received("hi ivy").from("raw-jo").withTypeu(7);
        assertThat(stock.awaitPacket(PacketType.ACK).dataContent()).isEqualTo("f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b");

        String fp = ivy.send("raw-jo", "hi jo");
        Packet delivered = stock.awaitPacket(PacketType.DATA);
        assertThat(delivered.dataContent()).isEqualTo("hi jo");
        stock.sendJson(ImRawClient.ackJson(delivered));
        ivy.awaitAck(fp);
        stock.sendJson(ImRawClient.logoutJson("raw-jo"));
    }
}
