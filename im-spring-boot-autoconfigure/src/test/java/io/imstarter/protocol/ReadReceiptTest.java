package io.imstarter.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bodies of read receipts and read notices (wire protocol section 14). */
class ReadReceiptTest {

    @Test
    void aReceiptAndANoticeReadBackWhatWasWritten() throws MalformedPacketException {
        ReadReceipt byFp = new ReadReceipt("alice", "7d1e", 0, true);
        ReadReceipt bySeq = new ReadReceipt("g:42", null, 17, false);
        ReadNotice notice = new ReadNotice("bob", "bob", "7d1e", 30);

        assertThat(byFp.toJson()).isEqualTo("{\"c\":\"alice\",\"fp\":\"7d1e\",\"private\":true}");
        assertThat(ReadReceipt.parse(byFp.toJson())).isEqualTo(byFp);
        assertThat(ReadReceipt.parse(bySeq.toJson())).isEqualTo(bySeq);
        assertThat(ReadNotice.parse(notice.toJson())).isEqualTo(notice);
        assertThat(ReadReceipt.parse("{\"c\":\"alice\",\"fp\":\"x\",\"unknown\":[1]}").fp()).isEqualTo("x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                  | needs a JSON object",
            "[1]                                 | must be a JSON object",
            "{\"c\":                             | must be a JSON object",
            "{\"fp\":\"x\"}                      | needs the conversation",
            "{\"c\":\"\",\"fp\":\"x\"}           | needs the conversation",
            "{\"c\":\"alice\"}                   | needs the newest message read",
            "{\"c\":\"alice\",\"seq\":0}         | needs the newest message read",
            "{\"c\":\"alice\",\"seq\":1.5}       | must be a whole number",
            "{\"c\":\"alice\",\"fp\":7}          | \"fp\" must be a string",
            "{\"c\":\"alice\",\"fp\":\"x\",\"private\":\"yes\"} | must be true or false" })
    void aMalformedReceiptIsRefusedWithTheReason(String body, String reason) {
        assertThatThrownBy(() -> ReadReceipt.parse(body)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining(reason);
    }
}
