package io.imstarter.sample.api;

import io.imstarter.client.ClientState;
import io.imstarter.client.ImClient;
import io.imstarter.client.ImClientManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Finds the embedded clients a request names, turning "missing" into the API's problem details. */
@Component
class EmbeddedClients {

    private final ObjectProvider<ImClientManager> manager;

    EmbeddedClients(ObjectProvider<ImClientManager> manager) {
        this.manager = manager;
    }

    ImClientManager manager() {
        ImClientManager found = manager.getIfAvailable();
        if (found == null) {
            throw ApiException.unavailable("The embedded client manager is disabled; set im.client.enabled=true");
        }
        return found;
    }

    /** The user's client, whatever its state; 404 when no embedded client of that name exists. */
    ImClient existing(String username) {
        return manager().find(username).orElseThrow(() -> ApiException.unknownUser("No embedded client '"
                + username + "'; log it in first with POST /api/loginConnect"));
    }

    /** The user's client when it is logged in; 409 otherwise. */
    ImClient loggedIn(String username) {
        ImClient client = existing(username);
        ClientState state = client.state();
        if (state != ClientState.LOGGED_IN) {
            throw ApiException.notLoggedIn("Embedded client '" + username + "' is not logged in (state " + state
                    + "); log it in with POST /api/loginConnect");
        }
        return client;
    }
}
