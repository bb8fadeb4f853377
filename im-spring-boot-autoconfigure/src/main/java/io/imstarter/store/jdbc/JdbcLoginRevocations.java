package io.imstarter.store.jdbc;

import io.imstarter.store.LoginRevocation;
import io.imstarter.store.LoginRevocations;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link LoginRevocations} in the message store's database (table {@code im_login_revocation}, created by the same
 * schema scripts), so every node that shares the store sees a kick at once. One row per user ever revoked; a row is
 * only ever moved later in time. Times are epoch milliseconds of the clocks of the nodes that revoked.
 */
public class JdbcLoginRevocations implements LoginRevocations {

    private final JdbcClient jdbc;

    public JdbcLoginRevocations(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public void revoke(String userId, LoginRevocation revocation) {
        requireUserId(userId);
        while (!extend(userId, revocation)) {
            try {
                jdbc.sql("INSERT INTO im_login_revocation (user_id, revoked_at, refuse_until)"
                        + " VALUES (:user, :revoked, :until)")
                        .param("user", userId)
                        .param("revoked", revocation.revokedAt().toEpochMilli())
                        .param("until", revocation.refuseLoginsUntil().toEpochMilli())
                        .update();
                return;
            }
            catch (DuplicateKeyException raced) {
                // Another node inserted the row first: extend it on the next turn.
            }
        }
    }

    /** Moves an existing row's times later where the revocation's are; false when the user has no row yet. */
    private boolean extend(String userId, LoginRevocation revocation) {
        return jdbc.sql("UPDATE im_login_revocation SET"
                + " revoked_at = CASE WHEN revoked_at < :revoked THEN :revoked ELSE revoked_at END,"
                + " refuse_until = CASE WHEN refuse_until < :until THEN :until ELSE refuse_until END"
                + " WHERE user_id = :user")
                .param("user", userId)
                .param("revoked", revocation.revokedAt().toEpochMilli())
                .param("until", revocation.refuseLoginsUntil().toEpochMilli())
                .update() == 1;
    }

    @Override
    public Optional<LoginRevocation> find(String userId) {
        return jdbc.sql("SELECT revoked_at, refuse_until FROM im_login_revocation WHERE user_id = :user")
                .param("user", userId)
                .query((row, index) -> new LoginRevocation(Instant.ofEpochMilli(row.getLong("revoked_at")),
                        Instant.ofEpochMilli(row.getLong("refuse_until"))))
                .optional();
    }

    private static void requireUserId(String userId) {
        if (userId == null || userId.isEmpty() || userId.length() > JdbcMessageStore.MAX_ID_LENGTH) {
            throw new IllegalArgumentException("The user id must have 1 to " + JdbcMessageStore.MAX_ID_LENGTH
                    + " characters, was " + (userId == null ? "null" : userId.length() + " characters"));
        }
    }
}
