package io.imstarter.server;

import io.imstarter.store.jdbc.TestDatabases;

/** Store and forward on a real PostgreSQL server (zonky's embedded one, or {@code IM_TEST_POSTGRES_URL}). */
class PostgresStoreAndForwardIT extends StoreAndForwardContract {

    PostgresStoreAndForwardIT() {
        super(TestDatabases.postgres(), "postgresql");
    }
}
