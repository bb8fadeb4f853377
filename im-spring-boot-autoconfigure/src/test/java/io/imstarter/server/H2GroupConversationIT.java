package io.imstarter.server;

import io.imstarter.store.jdbc.TestDatabases;

/** Group conversations on H2. */
class H2GroupConversationIT extends GroupConversationContract {

    H2GroupConversationIT() {
        super(TestDatabases.h2Memory(), "h2");
    }
}
