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

-- Group conversations (io.imstarter.store.jdbc.JdbcGroupStore): a message is stored once, with the group's next
-- sequence number taken from im_group.last_seq in the committing transaction; each member keeps its own pointers.
CREATE TABLE IF NOT EXISTS im_group (
    group_id VARCHAR(128) NOT NULL PRIMARY KEY,
    owner VARCHAR(128) NOT NULL,
    last_seq BIGINT NOT NULL,
    member_count INT NOT NULL,
    created_at BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS im_group_member (
    group_id VARCHAR(128) NOT NULL,
    user_id VARCHAR(128) NOT NULL,
    -- The member sees messages after this sequence number only.
    joined_seq BIGINT NOT NULL,
    -- Every message up to this one was acknowledged by the member; catch-up starts after it.
    delivered_seq BIGINT NOT NULL,
    -- Every message up to this one was read (read receipts).
    read_seq BIGINT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id),
    -- A user's groups (login catch-up, "my groups").
    KEY im_group_member_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS im_group_message (
    group_id VARCHAR(128) NOT NULL,
    seq BIGINT NOT NULL,
    sender VARCHAR(128) NOT NULL,
    fp VARCHAR(128) NOT NULL,
    content MEDIUMTEXT,
    typeu INT NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, seq),
    UNIQUE KEY im_group_message_fp (group_id, sender, fp),
    -- A read receipt names a group message by its fingerprint alone (a stock client does not see the sender).
    KEY im_group_message_fp_only (group_id, fp)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Read receipts (io.imstarter.store.jdbc.JdbcReadStateStore): one forward-only read pointer per user and C2C peer, in
-- the user's own sequence numbers (im_message.seq of the messages the peer sent it). A group member's pointer is
-- im_group_member.read_seq. Unread counts are derived from these and the sequence numbers, never counted.
CREATE TABLE IF NOT EXISTS im_read_marker (
    user_id VARCHAR(128) NOT NULL,
    peer VARCHAR(128) NOT NULL,
    read_seq BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, peer)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
