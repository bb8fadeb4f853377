package io.imstarter.server;

import io.imstarter.store.jdbc.TestDatabases;

/** Read receipts and unread counts on a real PostgreSQL server (zonky's embedded one, or IM_TEST_POSTGRES_URL). */
class PostgresReadReceiptsIT extends ReadReceiptsContract {

    PostgresReadReceiptsIT() {
        super(TestDatabases.postgres(), "postgresql");
    }
}
