package io.imstarter.server;

import io.imstarter.store.jdbc.TestDatabases;

/** Group conversations on a real PostgreSQL server (zonky's embedded one, or {@code IM_TEST_POSTGRES_URL}). */
class PostgresGroupConversationIT extends GroupConversationContract {

    PostgresGroupConversationIT() {
        super(TestDatabases.postgres(), "postgresql");
    }
}
