package io.imstarter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.imstarter.store.LoginRevocation;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The revocations table on each database whose script ships: created by the script, only ever moved later. */
class JdbcLoginRevocationsTest {

    private static final Instant T = Instant.parse("2026-12-07T20:00:00Z");

    /** The script's platform and where it runs; by name, since JUnit would close a pool passed as an argument. */
    static Stream<String> databases() {
        return Stream.of("h2", "mysql", "postgresql");
    }

    private static DataSource database(String platform) {
        return switch (platform) {
            case "h2" -> TestDatabases.h2Memory();
            case "mysql" -> TestDatabases.h2MySqlMode();
            default -> TestDatabases.postgres();
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsTheLaterOfEachTimeAcrossRevocations(String platform) {
        DataSource database = database(platform);
        TestDatabases.createTables(database, platform);
        JdbcLoginRevocations revocations = new JdbcLoginRevocations(database);
        String user = "user-" + UUID.randomUUID();
        assertThat(revocations.find(user)).isEmpty();

        revocations.revoke(user, new LoginRevocation(T, T.plusSeconds(600)));
        // A password change a minute later: tokens void up to then, and the running kick is not shortened.
        revocations.revoke(user, new LoginRevocation(T.plusSeconds(60), T.plusSeconds(60)));
        // An older revocation that arrives late moves nothing back.
        revocations.revoke(user, new LoginRevocation(T.minusSeconds(60), T));

        assertThat(revocations.find(user)).contains(new LoginRevocation(T.plusSeconds(60), T.plusSeconds(600)));
        assertThat(new JdbcLoginRevocations(database).find(user)).as("seen by another node on the same database")
                .contains(new LoginRevocation(T.plusSeconds(60), T.plusSeconds(600)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesAUserIdTheTableCannotHold(String platform) {
        JdbcLoginRevocations revocations = new JdbcLoginRevocations(database(platform));

        assertThatIllegalArgumentException().isThrownBy(() -> revocations.revoke("u".repeat(129),
                new LoginRevocation(T, T))).withMessageContaining("1 to 128 characters, was 129");
    }
}
