-- Message store tables for MySQL 8 and MariaDB 10.5+ (io.imstarter.store.jdbc.JdbcMessageStore). Safe to run on
-- every start. MySQL has no CREATE INDEX IF NOT EXISTS, so the indexes are declared with the tables. The binary
-- collation keeps user ids and fingerprints case-sensitive, as the protocol treats them.

-- One row per receiver ever stored for: the last sequence number given out. Never deleted, so numbers only grow.
CREATE TABLE IF NOT EXISTS im_receiver_seq (
    receiver VARCHAR(128) NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS im_message (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    receiver VARCHAR(128) NOT NULL,
    seq BIGINT NOT NULL,
    sender VARCHAR(128) NOT NULL,
    fp VARCHAR(128) NOT NULL,
    content MEDIUMTEXT,
    typeu INT NOT NULL,
    accepted_at BIGINT NOT NULL,
    delivered BOOLEAN NOT NULL,
    -- The two users of the conversation, the smaller id first, so both directions share one index range.
    party_low VARCHAR(128) NOT NULL,
    party_high VARCHAR(128) NOT NULL,
    UNIQUE KEY im_message_fp (receiver, sender, fp),
    UNIQUE KEY im_message_seq (receiver, seq),
    -- A receiver's undelivered messages in sequence order (replay).
    KEY im_message_pending (receiver, delivered, seq),
    -- A conversation newest first (history).
    KEY im_message_conversation (party_low, party_high, id),
    -- Expiry by age.
    KEY im_message_accepted (accepted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Kicks and token revocations (io.imstarter.store.jdbc.JdbcLoginRevocations), one row per user ever revoked: tokens
-- issued up to revoked_at are void, and no login is accepted before refuse_until (epoch milliseconds).
CREATE TABLE IF NOT EXISTS im_login_revocation (
    user_id VARCHAR(128) NOT NULL PRIMARY KEY,
    revoked_at BIGINT NOT NULL,
    refuse_until BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
