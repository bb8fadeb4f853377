-- The sample's user accounts (io.imstarter.sample.users.UserAccounts); run at every startup, so only IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS users (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    created_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
