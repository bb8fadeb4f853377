package io.imstarter.sample.api;

import io.imstarter.client.ClientState;
import io.imstarter.client.ImClient;
import io.imstarter.client.ImClientException;
import io.imstarter.client.ImClientManager;
import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.sample.im.Inboxes;
import io.imstarter.sample.im.ReceivedMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drives the embedded IM clients: each logged-in username is a real client connected to the IM server. Every call
 * after the login acts as the bearer token's user only.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Embedded clients", description = "IM clients living inside this application, one per username."
        + " They connect to the IM server like any app would (TCP by default) and keep their session alive.")
class ClientController {

    /** Longer than the client's own login timeout, so the client's answer normally comes first. */
    private static final Duration LOGIN_WAIT = Duration.ofSeconds(15);
    private static final Duration LOGOUT_WAIT = Duration.ofSeconds(5);

    private final EmbeddedClients clients;
    private final Tokens tokens;
    private final Inboxes inboxes;
    private final MessageSends sends;

    ClientController(EmbeddedClients clients, Tokens tokens, Inboxes inboxes, MessageSends sends) {
        this.clients = clients;
        this.tokens = tokens;
        this.inboxes = inboxes;
        this.sends = sends;
    }

    @PostMapping("/loginConnect")
    @SecurityRequirements
    @Operation(summary = "Log an embedded client in and get a token",
            description = "Checks the password like POST /api/token (the first login of a new name registers it),"
                    + " then creates (or reuses) the embedded client for the username and logs it in to the IM"
                    + " server with the signed token as its loginToken. The answer is the server's real login"
                    + " response plus the token: send it as 'Authorization: Bearer <token>' to act as this user.")
    @ApiResponse(responseCode = "200", description = "The server answered: accepted or refused (see code)")
    @ApiResponse(responseCode = "400", description = "Bad parameters (field errors listed), or a new name with a"
            + " too short password")
    @ApiResponse(responseCode = "401", description = "Wrong password for an existing user")
    @ApiResponse(responseCode = "503", description = "The IM server cannot be reached or the client is disabled")
    LoginResult loginConnect(@JsonOrParams Credentials request) {
        ImClientManager manager = clients.manager();
        TokenResponse token = tokens.issue(request);
        CompletableFuture<LoginResponse> login = manager.login(request.username(), token.token(), null);
        try {
            if (!BoundedWait.completed(login, LOGIN_WAIT)) {
                throw ApiException.unavailable("The IM server did not answer the login of '" + request.username()
                        + "' within " + LOGIN_WAIT.toSeconds() + " s");
            }
        } catch (ImClientException refused) {
            if (refused.code() >= ErrorCode.FIRST_APPLICATION_CODE) {
                return LoginResult.refused(token, refused.code(), "Refused by the login verifier: "
                        + refused.getMessage());
            }
            if (refused.code() == ErrorCode.LOGIN_SUSPENDED) {
                return LoginResult.refused(token, refused.code(), "Refused: an administrator kicked '"
                        + request.username() + "' for a while (POST /api/kick with refuseLoginsForSeconds)");
            }
            throw ApiException.unavailable("Login of '" + request.username() + "' failed with code "
                    + refused.code() + ": " + refused.getMessage());
        }
        inboxes.open(request.username());
        return LoginResult.accepted(token, login.getNow(null));
    }

    @PostMapping("/sendMsg")
    @Operation(summary = "Send a message from an embedded client",
            description = "Sends a C2C message from the token's user (its embedded client, logged in with"
                    + " /api/loginConnect) to 'friendId' and waits briefly (sample.ack-wait, 3 s) for what became of"
                    + " it: status ACKNOWLEDGED when the receiver acknowledged it, STORED when the receiver is offline"
                    + " and the server's message store kept it for the receiver's next login (acknowledged is true"
                    + " for both), PENDING (null) while QoS keeps retrying, FAILED (false) when the send failed."
                    + " Without QoS, or with the store off (im.store.enabled=false), the friend must be online."
                    + " 'username' may be left out; if given it must be the token's user.")
    @ApiResponse(responseCode = "200", description = "Sent; see status and acknowledged")
    @ApiResponse(responseCode = "400", description = "Bad parameters (field errors listed)")
    @ApiResponse(responseCode = "403", description = "'username' names another user than the token's")
    @ApiResponse(responseCode = "404", description = "No embedded client with that username; or the friend is not"
            + " online and the message could not be stored (no QoS, store off, or no such registered user)")
    @ApiResponse(responseCode = "409", description = "The embedded client is not logged in (title 'Not logged"
            + " in'), or the friend is offline and the message store refused the message, e.g. because it is full"
            + " for that friend (title 'Not stored')")
    SendResult sendMsg(@JsonOrParams SendMsgRequest request, @AuthenticationPrincipal Jwt token) {
        request.validate();
        return sends.send(clients.loggedIn(Caller.actingAs(token, "username", request.username())), request);
    }

    @PostMapping("/logout")
    @Operation(summary = "Log the token's embedded client out", description = "Sends the logout packet, closes"
            + " the connection and forgets the token's user's embedded client. Its received messages stay readable."
            + " 'username' may be left out; if given it must be the token's user.")
    @ApiResponse(responseCode = "200", description = "Logged out")
    @ApiResponse(responseCode = "403", description = "'username' names another user than the token's")
    @ApiResponse(responseCode = "404", description = "The token's user has no embedded client")
    ClientView logout(@JsonOrParams LogoutRequest request, @AuthenticationPrincipal Jwt token) {
        request.validate();
        String username = Caller.actingAs(token, "username", request.username());
        clients.existing(username);
        CompletableFuture<Void> logout = clients.manager().logout(username);
        if (!BoundedWait.completed(logout, LOGOUT_WAIT)) {
            throw ApiException.unavailable("Logout of '" + username + "' did not finish within "
                    + LOGOUT_WAIT.toSeconds() + " s");
        }
        return new ClientView(username, ClientState.CLOSED);
    }

    @GetMapping("/clients")
    @Operation(summary = "List the embedded clients (admin)", description = "Every embedded client with its"
            + " state (LOGGED_IN, RECONNECTING, KICKED, ...), sorted by username. Needs the ADMIN role.")
    List<ClientView> clients() {
        return clients.manager().snapshot().entrySet().stream()
                .map(e -> new ClientView(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(ClientView::username)).toList();
    }

    @GetMapping("/messages/{username}")
    @Operation(summary = "Read your embedded client's received messages", description = "Messages the token's"
            + " user's embedded client received, oldest first; the newest 100 per user are kept (sample.inbox-size)."
            + " 'username' must be the token's user.")
    @ApiResponse(responseCode = "200", description = "The messages, possibly none yet")
    @ApiResponse(responseCode = "403", description = "'username' names another user than the token's")
    @ApiResponse(responseCode = "404", description = "No embedded client with that username ever logged in")
    List<ReceivedMessage> messages(@Parameter(example = "bob") @PathVariable String username,
            @AuthenticationPrincipal Jwt token) {
        Caller.actingAs(token, "username", username);
        return inboxes.messages(username).orElseThrow(() -> ApiException.unknownUser("No embedded client '"
                + username + "' has logged in; log it in first with POST /api/loginConnect"));
    }
}
