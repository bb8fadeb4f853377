package io.imstarter.bench.scenario;

import static io.imstarter.bench.scenario.TestServers.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.report.RunReport;
import org.junit.jupiter.api.Test;

/** The group command at CI size: the same checks as the full run of issue 23, on 30 members for 3 seconds. */
class GroupScenarioTest {

    @Test
    void everyMemberGetsEveryMessageOnceInOrderLiveOrAtLoginAndASecondLoginGetsNone() throws Exception {
        Options options = TestServers.options("store", "h2", "members", "30", "offline", "6", "rate", "20",
                "duration", "3s", "drain", "60s", "quiet", "1s", "packets-per-second", "100000",
                "packet-burst", "100000");
        RunReport report = new GroupScenario(GeneratorSettings.from(options), options).run();

        assertThat(number(report.get("messages"))).as(report::toJson).isEqualTo(60);
        assertThat(number(report.get("acked"))).as(report::toJson).isEqualTo(60);
        assertThat(number(report.get("acks_before_commit"))).as(report::toJson).isZero();
        assertThat(number(report.get("online_receivers"))).as(report::toJson).isEqualTo(23);
        assertThat(number(report.get("online_unique"))).as(report::toJson).isEqualTo(23 * 60);
        // a copy that comes twice is a re-send (its ACK was late on a busy machine) or a catch-up after a login
        // again, dropped by fp as stock clients do
        assertThat(number(report.get("online_duplicates")) + number(report.get("offline_duplicates")))
                .as(report::toJson).isLessThanOrEqualTo(number(report.get("server_retransmits"))
                        + 60 * (number(report.get("online_relogins")) + number(report.get("offline_relogins"))));
        assertThat(number(report.get("online_not_in_group_order"))).as(report::toJson).isZero();
        assertThat(number(report.get("rows"))).as(report::toJson).isEqualTo(60);
        assertThat(number(report.get("offline_unique"))).as(report::toJson).isEqualTo(6 * 60);
        assertThat(number(report.get("offline_not_in_group_order"))).as(report::toJson).isZero();
        assertThat(number(report.get("offline_pointers_at_end"))).as(report::toJson).isEqualTo(6);
        assertThat(number(report.get("second_login_replayed"))).as(report::toJson).isZero();
        assertThat(report.get("verified")).as(report::toJson).isEqualTo(true);
    }
}
