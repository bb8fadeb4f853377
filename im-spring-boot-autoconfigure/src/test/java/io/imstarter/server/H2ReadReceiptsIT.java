package io.imstarter.server;

import io.imstarter.store.jdbc.TestDatabases;

/** Read receipts and unread counts on H2. */
class H2ReadReceiptsIT extends ReadReceiptsContract {

    H2ReadReceiptsIT() {
        super(TestDatabases.h2Memory(), "h2");
    }
}
