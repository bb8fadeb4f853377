-- The sample's user accounts (io.imstarter.sample.users.UserAccounts), created at every startup if missing.
-- role holds a name of the Role enum, written only by UserAccounts. No CHECK constraint: H2 2.4.240 fails every
-- insert with "Check constraint invalid" once the connection that created the table has closed.
CREATE TABLE IF NOT EXISTS users (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
