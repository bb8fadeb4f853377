package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dedup window's keys: equal exactly when sender and fingerprint strings are equal. */
class DedupKeyTest {

    @Test
    void aUuidFingerprintMatchesAnEqualCopyOfItself() {
        String fp = UUID.randomUUID().toString();

        DedupKey kept = DedupKey.of(new MessageKey("u1", fp));
        DedupKey looked = DedupKey.of(new MessageKey(new String("u1"), new String(fp)));

        assertThat(looked).isEqualTo(kept).hasSameHashCodeAs(kept);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "00000000-0000-0000-0000-000000000001", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "10000000-0000-0000-0000-000000000000", "00000000-0000-0001-0000-000000000000" })
    void differentUuidsDiffer(String other) {
        DedupKey zero = DedupKey.of(new MessageKey("u1", "00000000-0000-0000-0000-000000000000"));

        assertThat(DedupKey.of(new MessageKey("u1", other))).isNotEqualTo(zero);
    }

    @Test
    void theSameFingerprintFromAnotherSenderDiffers() {
        String fp = UUID.randomUUID().toString();

        assertThat(DedupKey.of(new MessageKey("u1", fp))).isNotEqualTo(DedupKey.of(new MessageKey("u2", fp)));
    }

    @Test
    void anUpperCaseUuidIsAnotherFingerprintThanItsLowerCase() {
        String fp = UUID.randomUUID().toString();

        DedupKey upper = DedupKey.of(new MessageKey("u1", fp.toUpperCase()));

        assertThat(upper).isNotEqualTo(DedupKey.of(new MessageKey("u1", fp)))
                .isEqualTo(DedupKey.of(new MessageKey("u1", fp.toUpperCase())));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "msg-1", "", "00000000-0000-0000-0000-00000000000g", "00000000x0000-0000-0000-000000000000",
            "0000000000000000000000000000000000000" })
    void anyOtherFingerprintIsKeptAsItIs(String fp) {
        DedupKey kept = DedupKey.of(new MessageKey("u1", fp));

        assertThat(DedupKey.of(new MessageKey("u1", new String(fp)))).isEqualTo(kept);
        assertThat(DedupKey.of(new MessageKey("u1", fp + "x"))).isNotEqualTo(kept);
        assertThat(kept).isNotEqualTo(DedupKey.of(new MessageKey("u1", "00000000-0000-0000-0000-000000000000")));
    }
}
