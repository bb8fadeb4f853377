package io.imstarter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.auth.JwtLoginVerifier;
import io.imstarter.autoconfigure.auth.TokenRefusal;
import io.imstarter.cluster.redis.ClusterNodes.Node;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.store.jdbc.JdbcLoginRevocations;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issue 21, kicks that stick: a kick with a duration on one node refuses the user's logins on every node for that
 * long, whatever token it presents (307), and the token it held before the kick stays void afterwards (1030), as a
 * stock UDP client that ignores the 54 would present it; a token issued after the kick works once the kick ends. Two
 * real nodes on the real Redis, with the revocations in one shared database and the real token login.
 */
class ClusterKickIT {

    private static final Duration KICK = Duration.ofSeconds(5);
    private static final SecretKey KEY = new SecretKeySpec(
            "cluster-kick-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private static final DataSource SHARED_DATABASE = TestDatabases.h2Memory();

    @BeforeAll
    static void createStoreTables() {
        TestDatabases.createTables(SHARED_DATABASE, "h2");
    }

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes()
            .logins(new JwtLoginVerifier(NimbusJwtDecoder.withSecretKey(KEY).build(), "sub", true,
                    new JdbcLoginRevocations(SHARED_DATABASE)), new JdbcLoginRevocations(SHARED_DATABASE));

    @ParameterizedTest(name = "a user kicked for a while on node b is refused on both nodes over {0}, then let in with a"
            + " new token")
    @EnumSource(Transport.class)
    void kickedUserIsRefusedEverywhereForTheKicksDuration(Transport transport) {
        Node a = cluster.start("a");
        Node b = cluster.start("b");
        List<Node> nodes = List.of(a, b);
        String user = cluster.newUserId("kicked");
        String oldToken = token(user, Instant.now().minusSeconds(60));
        RawClient kicked = a.connect(transport);
        assertThat(kicked.login(user, oldToken, 0).code()).isZero();

        Instant kickedAt = Instant.now();
        assertThat(b.server().kick(user, "cooling off", KICK)).isTrue();

        KickoutInfo kickout = Expect.payload(kicked.awaitPacket(Expect.type(PacketType.KICKOUT)), KickoutInfo.class);
        assertThat(kickout.code()).isEqualTo(KickoutInfo.KICKED_BY_APPLICATION);
        // Issued after the kick: a later second than the kick's, since a token's iat has whole seconds.
        String newToken = token(user, kickedAt.plusSeconds(1));
        for (Node node : nodes) {
            assertThat(login(node, transport, user, oldToken)).as("the old token on node %s", node.id())
                    .isEqualTo(TokenRefusal.REVOKED.code());
            // 307 is only ever the answer while the kick lasts.
            assertThat(login(node, transport, user, newToken)).as("a new token during the kick on node %s", node.id())
                    .isEqualTo(ErrorCode.LOGIN_SUSPENDED);
        }

        await().atMost(KICK.plus(RawClient.TIMEOUT)).until(() -> Instant.now().isAfter(kickedAt.plus(KICK)));
        for (Node node : nodes) {
            assertThat(login(node, transport, user, oldToken)).as("the old token after the kick on node %s", node.id())
                    .isEqualTo(TokenRefusal.REVOKED.code());
            assertThat(login(node, transport, user, newToken)).as("a new token after the kick on node %s", node.id())
                    .isZero();
        }
    }

    private static int login(Node node, Transport transport, String user, String token) {
        return node.connect(transport).login(user, token, 0).code();
    }

    private static String token(String user, Instant issuedAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(user).issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofHours(1))).build();
        return NimbusJwtEncoder.withSecretKey(KEY).build()
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
